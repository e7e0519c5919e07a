import ArgumentParser
import CodeModeCore
import CodeModeSync

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Write an environment's last known state back after its prefix lost its data.",
        discussion: """
            For a prefix that holds none of the items of its last state (FLUSHALL, a restart \
            without persistence, eviction, an environment pointed at a new place): writes back \
            the items of that state — the latest snapshot on refs/codemode/ENV, or the deployed \
            commit — into the keys that lost them, and the sync record when it was lost too, \
            atomically. What was written since the loss is kept. The environment's policy and \
            gates hold for the deployed commit of that state, and its verify tests run after the \
            write, as for a push. See docs/sync.md.
            """
    )

    @Argument(help: "The environment.")
    var environment: String

    @Flag(name: .long, help: "Print what would be written; write nothing.")
    var dryRun = false

    @OptionGroup var gates: GateOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let tool = "codemode \(CodeModeVersion.current)"
        // The plan names the state and its deployed commit, which the gates judge before the write.
        let plan = try library.restore(environment, dryRun: true, tool: tool)
        let candidate = plan.deployed ?? plan.state
        let gateResults = try await gates.evaluate(candidate, dryRun: dryRun, library: library, environment: environment, output: output)
        var result = dryRun ? plan : try library.restore(environment, tool: tool, gates: gateResults)
        result.gates = gateResults
        SyncOutput.warn(result.problems)
        if output.json {
            output.printJSON(result.jsonValue)
        } else {
            var items = result.writes.map { ItemListing.Item(kind: "restored \($0.item.kind.rawValue)", line: "  restored  \($0.item.path)  → \($0.key)") }
            items += result.kept.map { ItemListing.Item(kind: "kept", line: "  kept      \($0.path)  (written since the loss)") }
            var lines = gateResults.map { "  gate      \($0.summary)" }
            lines += listing.lines(items)
            let verb = result.dryRun ? "would restore" : "restored"
            let record = result.recordRestored ? " and its sync record (deployed \(SyncOutput.short(result.deployed)))" : ""
            lines.append("\(result.environment): \(verb) \(result.writes.count) item(s) of state \(SyncOutput.short(result.state))\(record)\(result.dryRun ? " (dry run: nothing written)" : ""), kept \(result.kept.count)")
            Console.output(lines.joined(separator: "\n"))
        }
        guard !result.dryRun else { return }
        // A restore writes back the state that was lost: there is nothing earlier to return to.
        try await Verification.run(commit: candidate, rollbackTo: nil,
                                   noRollback: "a restore writes back the last known state, so there is nothing earlier to roll back to",
                                   tool: tool, library: library, environment: environment, printing: !output.json)
    }
}
