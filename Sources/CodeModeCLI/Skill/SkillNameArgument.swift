import ArgumentParser
import CodeModeCore

/// The NAME argument of the skill commands; an invalid name is a usage error (exit 64).
struct SkillNameArgument: ParsableArguments {
    @Argument(help: "The skill's name: ASCII letters, digits and '_', not a Python keyword.")
    var name: String

    func validate() throws {
        if let problem = SkillName.problem(with: name) {
            throw ValidationError("invalid skill name '\(name)': \(problem)")
        }
    }

    var skillName: SkillName {
        get throws { try SkillName(validating: name) }
    }
}
