import ArgumentParser
import CodeModeCore
import CodeModeStorage
import Foundation

/// The README's first command: builds a small library in a temporary folder and shows what
/// codemode does with it, using the same code paths as the real commands.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample skill library in a temporary folder, then list and validate it."
    )

    @Flag(name: .long, help: "Keep the sample library instead of deleting it at the end.")
    var keep = false

    func run() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-demo-\(UUID().uuidString.prefix(8))")
        let storage = FileStorage(base: base)
        defer {
            if !keep { try? FileManager.default.removeItem(at: base) }
        }
        Console.output("Sample library: \(base.path)\n")

        for sample in DemoSamples.skills {
            let outcome = try storage.saveSkill(try SkillName(validating: sample.name), source: sample.source,
                                                description: sample.description, replacing: false)
            Console.output("\(outcome.change.rawValue) skills/\(sample.name).py")
        }
        try FileManager.default.createDirectory(atPath: storage.toolsPath, withIntermediateDirectories: true)
        try DemoSamples.tool.write(toFile: storage.toolsPath + "/echo.yaml", atomically: true, encoding: .utf8)
        Console.output("created tools/echo.yaml")
        _ = try storage.addDependency(DependencySpec(validating: "requests>=2.31"))
        Console.output("added requests>=2.31 to requirements.txt")
        _ = try storage.saveArtifact(ArtifactName(validating: "notes/hello.json"), value: .json(.object([JSONMember("hello", .string("world"))])),
                                     description: "a JSON artifact", metadata: [])
        Console.output("saved artifact notes/hello.json")

        Console.output("\n$ codemode skill list")
        for skill in try storage.listSkills().skills {
            let parameters = skill.parameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
            Console.output("  \(skill.name)(\(parameters)) — \(skill.description)")
        }

        Console.output("\nThe description given for 'shout' is now its module docstring:")
        if let shout = try storage.skill(named: SkillName(validating: "shout")) {
            Console.output(shout.source.split(separator: "\n", omittingEmptySubsequences: false).prefix(3).map { "  | \($0)" }.joined(separator: "\n"))
        }

        Console.output("\n$ codemode validate")
        let report = try LibraryValidator.validate(library: storage)
        Console.output("  \(report.skillsChecked) skills, \(report.toolsChecked) tool file, \(report.requirementFilesChecked) requirements file: \(report.problems.isEmpty ? "no problems" : "\(report.problems.count) problem(s)")")
        for problem in report.problems { Console.output("  \(problem)") }

        Console.output("\nA skill with a plain 'def run' is refused, and nothing is written:")
        do {
            _ = try storage.saveSkill(try SkillName(validating: "broken"), source: DemoSamples.syncSkill, description: nil, replacing: false)
            throw CommandFailure(message: "the demo's broken skill was accepted; this is a bug")
        } catch let error as StorageError {
            Console.output("  \(error.message)")
        }
        Console.output(keep ? "\nKept \(base.path)" : "\nDone; the sample library was removed (use --keep to look at it).")
        if !report.problems.isEmpty { throw CommandFailure(message: "the sample library has problems; this is a bug") }
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
        SampleSkill(name: "word_count", description: nil, source: """
            async def run(text: str, min_length: int = 1) -> dict:
                \"\"\"Count the words of a text that are at least min_length long.\"\"\"
                words = [w for w in text.split() if len(w) >= min_length]
                return {"words": len(words), "unique": len(set(words))}

            """),
        SampleSkill(name: "shout", description: "Upper-case a text and add an exclamation mark.", source: """
            async def run(text: str) -> str:
                return text.upper() + "!"

            """),
    ]

    static let syncSkill = """
        def run(x: int) -> int:
            return x * 2

        """

    static let tool = """
        name: echo
        description: Print text.
        command: echo
        timeout: 5
        schema:
          positional:
            - name: text
              type: string
              required: true
        recipes:
          say:
            description: Print a text.
            params:
              text: {type: string, required: true}

        """
}
