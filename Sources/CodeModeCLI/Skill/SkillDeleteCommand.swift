import ArgumentParser
import CodeModeCore

struct SkillDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a skill."
    )

    @OptionGroup var nameArgument: SkillNameArgument

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let skillName = try nameArgument.skillName
        let storage = try library.storage()
        guard try storage.deleteSkill(named: skillName) else {
            throw CommandFailure(message: "no skill named '\(skillName)' in \(storage.location) — nothing deleted")
        }
        if output.json {
            output.printJSON(.object([JSONMember("deleted", .string(skillName.rawValue))]))
        } else {
            Console.output("deleted \(storage.skillLocation(skillName))")
        }
    }
}
