import ArgumentParser

struct SkillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skill",
        abstract: "List, show, add and delete skills.",
        subcommands: [SkillListCommand.self, SkillShowCommand.self, SkillAddCommand.self, SkillDeleteCommand.self]
    )
}
