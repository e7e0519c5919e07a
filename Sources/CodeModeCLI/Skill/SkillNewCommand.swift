import ArgumentParser
import CodeModeCore
import CodeModeStorage
import Foundation
import CodeModeTemplates

struct SkillNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new skill from the template, ready to edit, and tests/test_NAME.py for it."
    )

    @OptionGroup var nameArgument: SkillNameArgument

    @Option(name: .long, help: "A one-line description, written as the module docstring.")
    var description: String?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let skillName = try nameArgument.skillName
        let source = Templates.fill(Templates.skill, [
            "name": skillName.rawValue,
            "description": description ?? "Describe in one line what \(skillName) does.",
        ])
        let storage = try library.storage()
        let outcome = try storage.saveSkill(skillName, source: source, description: nil, replacing: false)
        // Tests live in the library folder (git), never in a prefix.
        let test = try (storage as? FileStorage).flatMap { try Self.writeTest(for: skillName, in: $0.base) }
        guard let test else { return output.printSaved(outcome, at: storage.skillLocation(skillName)) }
        if output.json {
            guard case .object(var members) = outcome.skill.listingJSON(includingSource: true) else { return }
            members.append(JSONMember("test", .string(test)))
            output.printJSON(.object(members))
        } else {
            output.printSaved(outcome, at: storage.skillLocation(skillName))
            Console.output("created \(test): a test to start from (codemode test \(skillName))")
        }
    }

    /// Writes `tests/test_<name>.py` from the template unless it exists; its path, or nil.
    static func writeTest(for name: SkillName, in base: URL) throws -> String? {
        let path = "tests/test_\(name).py"
        let url = base.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: url.path) else { return nil }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Templates.fill(Templates.skillTest, ["name": name.rawValue]).utf8).write(to: url)
        return path
    }
}
