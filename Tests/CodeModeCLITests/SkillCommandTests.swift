import CodeModeCore
import CodeModeRedis
import Foundation
import Testing
import TestSupport

@Suite("codemode skill")
struct SkillCommandTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("cli")
        try folder.write("codemode.yaml", "")
        try folder.write("greet.py", """
            async def run(name: str, times: int = 2, loud: bool = False) -> str:
                return ", ".join([f"hi {name}"] * times)

            """)
    }

    func codemode(_ arguments: String..., stdin: String? = nil, in directory: URL? = nil) throws -> ProcessResult {
        try ProcessRunner.codemode(arguments, in: directory ?? folder.url, stdin: stdin)
    }

    @Test func addListShowDelete() throws {
        let added = try codemode("skill", "add", "greet", "--file", "greet.py", "--description", "Say hi.")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "created skills/greet.py: Say hi.\n")
        #expect(try folder.read("skills/greet.py").hasPrefix("\"\"\"Say hi.\"\"\"\n"))

        let listed = try codemode("skill", "list", "--json")
        #expect(listed.status == 0)
        let list = try JSONParser.parse(listed.stdout)
        #expect(list == .array([.object([
            JSONMember("name", .string("greet")),
            JSONMember("description", .string("Say hi.")),
            JSONMember("parameters", .array([
                Self.parameter("name", "string", required: true, default: .null),
                Self.parameter("times", "integer", required: false, default: .integer(2)),
                Self.parameter("loud", "boolean", required: false, default: .bool(false)),
            ])),
        ])]))

        let shown = try codemode("skill", "show", "greet", "--json")
        #expect(try JSONParser.parse(shown.stdout)["source"]?.stringValue == (try folder.read("skills/greet.py")))
        let text = try codemode("skill", "show", "greet")
        #expect(text.stdout.contains("times: integer (default 2)"))

        #expect(try codemode("skill", "delete", "greet").status == 0)
        #expect(!folder.exists("skills/greet.py"))
        let again = try codemode("skill", "delete", "greet")
        #expect(again.status == 1)
        #expect(again.stderr.contains("no skill named 'greet'"))
    }

    static func parameter(_ name: String, _ type: String, required: Bool, default value: JSONValue) -> JSONValue {
        .object([JSONMember("name", .string(name)), JSONMember("type", .string(type)), JSONMember("description", .string("")),
                 JSONMember("required", .bool(required)), JSONMember("default", value)])
    }

    @Test func sourceFromStandardInput() throws {
        let result = try codemode("skill", "add", "piped", stdin: "\"\"\"From a pipe.\"\"\"\nasync def run():\n    return 1\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try folder.read("skills/piped.py") == "\"\"\"From a pipe.\"\"\"\nasync def run():\n    return 1\n")
    }

    @Test func findsTheLibraryFromASubfolder() throws {
        try folder.write("skills/deep.py", "async def run():\n    \"\"\"Deep.\"\"\"\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        let result = try codemode("skill", "list", in: folder.url.appendingPathComponent("a/b"))
        #expect(result.stdout == "deep  Deep.\n")
    }

    @Test func usageErrorsExit64() throws {
        let badName = try codemode("skill", "add", "my-skill", "--file", "greet.py")
        #expect(badName.status == 64)
        #expect(badName.stderr.contains("invalid skill name 'my-skill'"))
        #expect(try codemode("skill", "show", "class").status == 64)
        #expect(try codemode("skill", "delete", "../evil").status == 64)
        #expect(try codemode("skill", "frobnicate").status == 64)
        #expect(try codemode("skill", "add").status == 64)
    }

    @Test func failuresExit1AndChangeNothing() throws {
        try folder.write("sync.py", "def run():\n    return 1\n")
        let refused = try codemode("skill", "add", "sync", "--file", "sync.py")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("skill 'sync'") && refused.stderr.contains("async def"))
        #expect(!folder.exists("skills/sync.py"))

        #expect(try codemode("skill", "add", "greet", "--file", "greet.py").status == 0)
        try folder.write("other.py", "async def run():\n    return 2\n")
        let duplicate = try codemode("skill", "add", "greet", "--file", "other.py")
        #expect(duplicate.status == 3)
        #expect(duplicate.stderr.contains("--force"))
        #expect(try folder.read("skills/greet.py") == (try folder.read("greet.py")))

        let missing = try codemode("skill", "show", "nope")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no skill named 'nope'"))
    }

    @Test func noLibraryIsAClearError() throws {
        let empty = try TemporaryDirectory("nolib")
        let result = try codemode("skill", "list", in: empty.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no skill library found"))
        #expect(result.stderr.contains("--base"))
    }
}

@Suite("codemode demo")
struct DemoCommandTests {
    @Test func demoToursTheWholeFlowAndCleansUp() throws {
        let result = try ProcessRunner.codemode(["demo"])
        #expect(result.status == 0, "\(result.stderr)")
        let steps = result.stdout.split(separator: "\n").filter { $0.hasPrefix("$ ") }.map { $0.split(separator: "#").first!.trimmingCharacters(in: .whitespaces) }
        #expect(steps.dropFirst().prefix(15) == ["$ git commit -am 'Add environments and two skills'", "$ codemode env list", "$ codemode push dev",
                                                 "$ codemode status dev", "$ codemode pull dev --branch review/agent-skills",
                                                 "$ git merge --ff-only review/agent-skills", "$ git commit -am 'Test the agent's skill'",
                                                 "$ codemode push dev", "$ codemode promote staging", "$ codemode promote prod",
                                                 "$ git commit -am 'summarize: an empty text stays empty'", "$ codemode push dev",
                                                 "$ codemode promote staging", "$ codemode promote prod", "$ codemode log prod"])
        // prod's tests gate refuses the agent's skill until its test passes.
        #expect(result.stderr.contains("tests: failed (1 of 5 tests failed: tests/test_summarize.py::test_an_empty_text_stays_empty"))
        #expect(result.stdout.contains("gate      tests: passed (5 passed, 0 failed)"))
        // Then an agent's session on prod, whose new skill waits there for review.
        #expect(steps.dropFirst(16).map { $0.prefix(25) } == ["$ codemode run --env prod", "$ codemode run --env prod", "$ codemode status prod"])
        #expect(result.stdout.contains("\nHello, agents!\n"))
        #expect(result.stdout.contains("\n('AL', ['greet', 'initials', 'shout', 'summarize', 'word_count'])\n"))
        #expect(result.stdout.contains("changed-there  skills/initials.py  (added there)"))
        #expect(result.stdout.contains("changed-there  skills/summarize.py  (added there)"))
        #expect(result.stdout.contains("added     skills/summarize.py  → demo-prod:skills:__skills__[summarize]"))
        #expect(result.stdout.contains("promote  ") && result.stdout.contains("deployed "))
        // The library folder and the redis-server are gone.
        let folder = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("created a skill library in ") }?
            .dropFirst("created a skill library in ".count).split(separator: " ").first.map(String.init))
        #expect(!FileManager.default.fileExists(atPath: folder))
        let server = try #require(result.stdout.split(separator: "\n").first?.split(separator: " ").first { $0.hasPrefix("redis://") })
        #expect(throws: RedisError.self) { try RedisConnection(url: RedisURL(parsing: String(server)), connectTimeout: .milliseconds(500)) }
    }
}
