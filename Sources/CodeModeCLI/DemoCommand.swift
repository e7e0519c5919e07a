import ArgumentParser
import CodeModeCore
import CodeModeGit
import CodeModeStorage
import Foundation

/// The README's first command: the whole flow of CodeMode on an embedded default — a library
/// in a temporary git repository and a redis-server of its own — each step shown as the
/// command and its output, run through the same code as the real commands.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Tour the whole flow: a temporary library and redis-server; push, agents, review, promote, log."
    )

    @Flag(name: .long, help: "Keep the library folder instead of deleting it at the end.")
    var keep = false

    func run() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-demo-\(UUID().uuidString.prefix(8))")
        defer { if !keep { try? FileManager.default.removeItem(at: base) } }
        // Stopped, its folder removed, when it goes away at the end of the demo.
        let server = try LocalRedisServer()
        Console.output("A library in a new git repository, and a redis-server on \(server.url) standing in for dev, staging and prod.\n")

        try await step(["init", base.path], "create the library")
        try """
            environments:
              dev:     { url: "\(server.url)", prefix: demo-dev }
              staging: { url: "\(server.url)", prefix: demo-staging }
              prod:    { url: "\(server.url)", prefix: demo-prod, gates: {tests: required} }
            promotion: [dev, staging, prod]

            """.write(to: base.appendingPathComponent(FileStorage.configFileName), atomically: true, encoding: .utf8)
        let storage = FileStorage(base: base)
        for sample in DemoSamples.skills {
            _ = try storage.saveSkill(try SkillName(validating: sample.name), source: sample.source, description: sample.description, replacing: false)
        }
        guard let library = try GitLibrary.find(base: base) else { throw CommandFailure(message: "the demo's library has no repository; this is a bug") }
        let repository = library.repository
        try library.commitAll(message: "Add environments and two skills")
        Console.output("\n$ git commit -am 'Add environments and two skills'   # skills/greet.py, skills/shout.py, codemode.yaml")

        try await step(["env", "list"], "the environments: Redis prefixes that behave like git remotes", base: base)
        try await step(["push", "dev"], "the reviewed library goes to dev, atomically", base: base)

        let dev = try RedisStorage(url: server.url, prefix: "demo-dev")
        _ = try dev.saveSkill(try SkillName(validating: DemoSamples.agentSkill.name), source: DemoSamples.agentSkill.source,
                              description: DemoSamples.agentSkill.description, replacing: false)
        Console.output("\n# An agent in dev saves a new skill, as py-code-mode's RedisStorage(prefix='demo-dev') does: \(dev.skillLocation(try SkillName(validating: DemoSamples.agentSkill.name)))")

        try await step(["status", "dev"], "three-way: HEAD, the prefix, their base", base: base)
        try await step(["pull", "dev", "--branch", "review/agent-skills"], "the agent's skill comes up for review on a branch; the work tree is untouched", base: base)
        try library.fastForward(to: "review/agent-skills")
        Console.output("\n$ git merge --ff-only review/agent-skills   # reviewed and accepted\nmain → \(try repository.headCommit.map { String($0.hex.prefix(12)) } ?? "")")
        try Data(DemoSamples.agentSkillTest.utf8).write(to: base.appendingPathComponent("tests/test_summarize.py"))
        try library.commitAll(message: "Test the agent's skill")
        Console.output("\n$ git commit -am 'Test the agent's skill'   # tests/test_summarize.py; prod's gates require passing tests")
        try await step(["push", "dev"], "dev now runs the reviewed commit", base: base)
        try await step(["promote", "staging"], "exactly what dev runs, nothing unreviewed", base: base)
        try await step(["promote", "prod"], "prod's tests gate runs the commit's tests first: the agent's skill fails one", base: base, expecting: ExitStatus.failure)
        _ = try storage.saveSkill(try SkillName(validating: DemoSamples.agentSkill.name), source: DemoSamples.fixedAgentSkill,
                                  description: DemoSamples.agentSkill.description, replacing: true)
        try library.commitAll(message: "summarize: an empty text stays empty")
        Console.output("\n$ git commit -am 'summarize: an empty text stays empty'   # the fix")
        try await step(["push", "dev"], base: base)
        try await step(["promote", "staging"], base: base)
        try await step(["promote", "prod"], "the gate passes; log prod shows it", base: base)
        try await step(["log", "prod"], "every state of prod is a commit", base: base)

        try await step(["run", "--env", "prod", "skills.greet(name='agents')"], "an agent's session on prod invokes a skill", base: base)
        try await step(["run", "--env", "prod", DemoSamples.sessionCell], "the agent writes a skill of its own, and lists them", base: base)
        try await step(["status", "prod"], "the new skill waits in prod for review, as changed there", base: base)
        Console.output(keep ? "\nKept \(base.path)" : "\nDone; the library and the redis-server are gone (use --keep to keep the library).")
    }

    /// Prints `$ codemode ARGS` and runs it; the demo stops when a step ends otherwise than
    /// `expecting` says (a step that shows a refusal expects its exit code).
    private func step(_ arguments: [String], _ comment: String? = nil, base: URL? = nil, expecting: Int32 = ExitStatus.success) async throws {
        Console.output("\n$ codemode \(arguments.map(Self.quoted).joined(separator: " "))" + (comment.map { "   # \($0)" } ?? ""))
        let code = await CodeModeCommand.run(arguments: arguments + (base.map { ["--base", $0.path] } ?? []))
        guard code == expecting else {
            throw CommandFailure(message: "the demo's step `codemode \(arguments.joined(separator: " "))` exited \(code); this is a bug", code: code)
        }
    }

    /// An argument as a shell would need it: code in double quotes.
    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { " '()[];".contains($0) }) ? "\"\(argument)\"" : argument
    }
}

enum DemoSamples {
    struct SampleSkill {
        var name: String
        var description: String?
        var source: String
    }

    static let skills = [
        SampleSkill(name: "greet", description: nil, source: """
            \"\"\"Greet someone by name.\"\"\"


            async def run(name: str, greeting: str = "Hello") -> str:
                return f"{greeting}, {name}!"

            """),
        SampleSkill(name: "shout", description: "Upper-case a text and add an exclamation mark.", source: """
            async def run(text: str) -> str:
                return text.upper() + "!"

            """),
    ]

    /// One line of Python: a skill created from a session, then the library listed.
    static let sessionCell = "skills.create('initials', 'async def run(name: str) -> str:\\n    return str().join(w[0].upper() for w in name.split())\\n', "
        + "description='The initials of a name.'); skills.initials(name='ada lovelace'), [s.name for s in skills.list()]"

    /// The test a reviewer writes for the agent's skill; the second one fails until the fix.
    static let agentSkillTest = """
        def test_keeps_the_first_sentences():
            assert skills.summarize(text="One. Two. Three.", sentences=2) == "One. Two."


        def test_an_empty_text_stays_empty():
            assert skills.summarize(text="") == ""

        """

    static let fixedAgentSkill = """
        \"\"\"Keep the first sentences of a text.\"\"\"


        async def run(text: str, sentences: int = 2) -> str:
            parts = [part.strip() for part in text.split(".") if part.strip()]
            return ". ".join(parts[:sentences]) + "." if parts else ""

        """

    static let agentSkill = SampleSkill(name: "summarize", description: "Keep the first sentences of a text.", source: """
        async def run(text: str, sentences: int = 2) -> str:
            parts = [part.strip() for part in text.split(".") if part.strip()]
            return ". ".join(parts[:sentences]) + "."

        """)
}
