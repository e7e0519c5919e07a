import ArgumentParser

struct SkillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skill",
        abstract: "List, show, add, create and delete skills.",
        subcommands: [SkillListCommand.self, SkillShowCommand.self, SkillAddCommand.self, SkillNewCommand.self, SkillDeleteCommand.self]
    )
}
