import ArgumentParser
import CodeModeCore
import CodeModeStorage

struct StoreListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the skills, tools or dependencies of a Redis prefix."
    )

    @OptionGroup var redis: RedisTargetOptions

    @Option(name: .long, help: "What to list: skills, tools or deps.")
    var type: StoreItemType = .skills

    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let storage = try redis.storage()
        let rows: [(name: String, description: String)]
        let problems: [LibraryProblem]
        let json: JSONValue
        switch type {
        case .skills:
            let listing = try storage.listSkills()
            rows = listing.skills.map { ($0.name.rawValue, $0.description) }
            problems = listing.problems
            json = .array(listing.skills.map { $0.listingJSON() })
        case .tools:
            let listing = try storage.listTools()
            rows = listing.tools.map { ($0.name, $0.description) }
            problems = listing.problems
            json = .array(listing.tools.map(\.raw))
        case .deps:
            let listing = try storage.listDependencies()
            rows = listing.specs.map { ($0.text, "") }
            problems = listing.problems
            json = .array(listing.specs.map { .string($0.text) })
        }
        for problem in problems { Console.warning(problem.description) }
        if output.json {
            output.printJSON(json)
            return
        }
        var lines = listing.lines(rows.map {
            ItemListing.Item(kind: type.rawValue, line: $0.description.isEmpty ? "  \($0.name)" : "  \($0.name): \($0.description.prefix(50))")
        })
        if !lines.isEmpty { lines.append("") }
        lines.append("\(rows.count) \(type.rawValue) in \(storage.url) (prefix: \(storage.prefix))")
        Console.output(lines.joined(separator: "\n"))
    }
}

struct StoreMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move py-code-mode's legacy P:__skills__ and P:__tools__ hashes to where sessions read.",
        discussion: "All in one MULTI/EXEC: afterwards the legacy keys are gone and their entries in place, or nothing changed."
    )

    @OptionGroup var redis: RedisTargetOptions

    @Flag(name: .long, help: "Let legacy entries replace differing entries already in place.")
    var force = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let storage = try RedisStorage(url: redis.parsedURL(), prefix: redis.prefix)
        let report = try storage.migrateLegacyKeys(force: force)
        if output.json {
            output.printJSON(report.jsonValue)
            return
        }
        var lines = listing.lines(ItemListing.named(report.added, "Moved") + ItemListing.named(report.updated, "Replaced")
                                  + ItemListing.named(report.removed, "Deleted"))
        if report.removed.isEmpty { lines.append("no legacy keys under prefix \(storage.prefix); nothing to do") }
        Console.output(lines.joined(separator: "\n"))
    }
}
