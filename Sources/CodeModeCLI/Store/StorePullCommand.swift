import ArgumentParser
import CodeModeCore
import CodeModeStorage

struct StorePullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Write the skills of a Redis prefix into a folder, descriptions included.",
        discussion: """
            A file that exists with other content is not overwritten without --force; then \
            nothing is written at all. Files of skills the prefix lacks are left alone.
            """
    )

    @OptionGroup var redis: RedisTargetOptions

    @Option(name: .long, help: ArgumentHelp("The folder to write <name>.py files into (a library folder means its skills/).", valueName: "path"))
    var dest: String

    @Flag(name: .long, help: "Overwrite files that differ from the prefix.")
    var force = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let storage = try redis.storage()
        let folder = StoreSource.folder(dest, containing: "skills")
        let progress = ProgressLine(label: "writing files")
        let report = try storage.pullSkills(into: folder, force: force, progress: progress.handler)
        progress.finish()
        for problem in report.problems { Console.message("codemode: \(problem)") }
        if output.json {
            output.printJSON(report.jsonValue)
        } else {
            let added = Set(report.added)
            var lines = listing.lines((report.added + report.updated).sorted().map {
                ItemListing.Item(kind: added.contains($0) ? "added" : "updated", line: "  \($0) -> \(folder)/\($0).py")
            })
            if !lines.isEmpty { lines.append("") }
            lines.append("Pulled \(report.added.count + report.updated.count) skills to \(folder); \(report.unchanged.count) unchanged")
            Console.output(lines.joined(separator: "\n"))
        }
        if !report.problems.isEmpty { throw CommandFailure(message: nil) }
    }
}

struct StoreDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a folder of skills with a Redis prefix.",
        discussion: """
            + only in the prefix (agent-created), - only in the folder, ~ different, = same. \
            With --exit-code: 0 when equal, 2 when different.
            """
    )

    @Option(name: .long, help: ArgumentHelp("A library folder or a folder of skills.", valueName: "path"))
    var source: String

    @OptionGroup var redis: RedisTargetOptions

    @Flag(name: .long, help: "Exit 2 when there are differences, 0 when there are none.")
    var exitCode = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let storage = try redis.storage()
        let diff = try storage.diffSkills(against: StoreSource.folder(source, containing: "skills"))
        for problem in diff.problems { Console.message("codemode: \(problem)") }
        if output.json {
            output.printJSON(diff.jsonValue)
        } else {
            let items = diff.entries.map { entry -> ItemListing.Item in
                switch entry.status {
                case .onlyInStore: ItemListing.Item(kind: "agent-created", line: "  + \(entry.name) (agent-created)")
                case .onlyLocal: ItemListing.Item(kind: "removed from store", line: "  - \(entry.name) (removed from store)")
                case .modified: ItemListing.Item(kind: "modified", line: "  ~ \(entry.name) (modified)")
                case .same: ItemListing.Item(kind: "the same", line: "  = \(entry.name)", unchanged: true)
                }
            }
            if items.isEmpty {
                Console.output("no skills on either side")
            } else if !diff.hasDifferences && !listing.verbose {
                Console.output("no differences: \(ItemListing.grouped(items.count)) skill(s) the same on both sides")
            } else {
                Console.output(listing.lines(items).joined(separator: "\n"))
            }
        }
        if exitCode && diff.hasDifferences { throw CommandFailure(message: nil, code: ExitStatus.differences) }
    }
}
