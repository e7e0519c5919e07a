import ArgumentParser
import CodeModeCore

struct SkillShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a skill: description, parameters and source."
    )

    @OptionGroup var nameArgument: SkillNameArgument

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let skillName = try nameArgument.skillName
        let storage = try library.storage()
        guard let skill = try storage.skill(named: skillName) else {
            throw CommandFailure(message: "no skill named '\(skillName)' in \(storage.location) — see 'codemode skill list'")
        }
        if output.json {
            output.printJSON(skill.listingJSON(includingSource: true))
            return
        }
        var lines = ["name: \(skill.name)", "description: \(skill.description)"]
        if skill.parameters.isEmpty {
            lines.append("parameters: none")
        } else {
            lines.append("parameters:")
            for parameter in skill.parameters {
                let detail = parameter.required
                    ? "required"
                    : "default \(PythonJSONEncoder().encode(parameter.defaultValue))"
                lines.append("  \(parameter.name): \(parameter.type) (\(detail))")
            }
        }
        lines.append("")
        lines.append(skill.source)
        Console.output(lines.joined(separator: "\n"))
    }
}
