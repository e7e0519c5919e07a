import ArgumentParser
import CodeModeCore

struct SkillListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the skills of the library.",
        discussion: "Files in skills/ that are not valid skills are reported on stderr; the others are listed."
    )

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let listing = try library.storage().listSkills()
        for problem in listing.problems { Console.warning(problem.description) }
        if output.json {
            output.printJSON(.array(listing.skills.map { $0.listingJSON() }))
            return
        }
        let width = listing.skills.map(\.name.rawValue.count).max() ?? 0
        var lines = listing.skills.map { skill in
            skill.name.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + skill.description
        }
        if lines.isEmpty { lines = ["no skills"] }
        Console.output(lines.joined(separator: "\n"))
    }
}
