import ArgumentParser
import CodeModeCore
import CodeModeSync

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Three-way state of each item between HEAD and an environment.",
        discussion: """
            Fetches first (unless --no-fetch). Each item that differs is changed-here, \
            changed-there, conflict, same-change or drift (docs/sync.md); a push from behind and a \
            prefix that lost its data are said instead of phantom changes. Without ENV, the first \
            stage of the promotion order (or the first environment). --exit-code: 0 in sync, 2 differences.
            """
    )

    @Argument(help: "The environment (default: the first of the promotion order).")
    var environment: String?

    @Flag(name: .long, help: "Exit 2 when there are differences, 0 when in sync.")
    var exitCode = false

    @Flag(name: .long, help: "Compare with the last snapshot instead of reading the prefix.")
    var noFetch = false

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let library = try sync.library()
        guard let name = environment ?? library.config.promotion.first ?? library.config.environments.first?.name else {
            throw CommandFailure(message: "codemode.yaml defines no environments; add an 'environments:' section (docs/sync.md)")
        }
        let environment = try library.config.environment(named: name)
        let status = try library.status(environment, fetching: !noFetch)
        SyncOutput.warn(status.problems)
        if output.json {
            output.printJSON(status.jsonValue)
        } else if let loss = status.loss {
            Console.output(RefusalOutput.text(.lost(loss), command: "status"))
        } else {
            var lines = ["\(status.environment): base \(SyncOutput.short(status.base)) (\(status.baseSource)), HEAD \(SyncOutput.short(status.head)), snapshot \(SyncOutput.short(status.snapshot))"]
            if let behind = status.behind { lines.append(RefusalOutput.text(.nonFastForward(behind), command: "push")) }
            lines += status.items.isEmpty ? (status.behind == nil ? ["in sync"] : []) : listing.lines(SyncOutput.listed(status.items))
            if !status.uncommitted.isEmpty {
                lines.append("uncommitted (not pushed until committed):")
                lines += status.uncommitted.map { "  \($0.status.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \($0.path)" }
            }
            Console.output(lines.joined(separator: "\n"))
        }
        if exitCode && !status.inSync { throw CommandFailure(message: nil, code: ExitStatus.differences) }
    }
}
