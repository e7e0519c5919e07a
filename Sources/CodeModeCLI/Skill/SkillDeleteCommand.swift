import ArgumentParser
import CodeModeCore

struct SkillDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a skill."
    )

    @Argument(help: "The skill's name.")
    var name: String

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let skillName = try SkillName(validating: name)
        let storage = try library.storage()
        guard try storage.deleteSkill(named: skillName) else {
            throw CommandFailure(message: "no skill named '\(name)' in \(storage.location)/skills — nothing deleted")
        }
        if output.json {
            output.printJSON(.object([JSONMember("deleted", .string(name))]))
        } else {
            Console.output("deleted skills/\(name).py")
        }
    }
}
