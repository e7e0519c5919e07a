import ArgumentParser
import CodeModeCore
import CodeModeTemplates

struct SkillNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new skill from the template, ready to edit."
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
        output.printSaved(outcome, at: storage.skillLocation(skillName))
    }
}
