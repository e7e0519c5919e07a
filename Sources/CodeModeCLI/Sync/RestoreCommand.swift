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
            atomically. What was written since the loss is kept. See docs/sync.md.
            """
    )

    @Argument(help: "The environment.")
    var environment: String

    @Flag(name: .long, help: "Print what would be written; write nothing.")
    var dryRun = false

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let result = try library.restore(environment, dryRun: dryRun, tool: "codemode \(CodeModeVersion.current)")
        SyncOutput.warn(result.problems)
        if output.json {
            output.printJSON(.object([
                JSONMember("environment", .string(result.environment)),
                JSONMember("loss", .object(RefusalOutput.lost(result.loss))),
                JSONMember("state", SyncOutput.id(result.state)),
                JSONMember("deployed", SyncOutput.id(result.deployed)),
                JSONMember("writes", .array(result.writes.map(SyncOutput.write))),
                JSONMember("kept", .array(result.kept.map { .string($0.path) })),
                JSONMember("record_restored", .bool(result.recordRestored)),
                JSONMember("dry_run", .bool(result.dryRun)),
                JSONMember("new_snapshot", SyncOutput.id(result.newSnapshot)),
                JSONMember("problems", SyncOutput.problems(result.problems)),
            ]))
            return
        }
        var lines = result.writes.map { "  restored  \($0.item.path)  → \($0.key)" }
        lines += result.kept.map { "  kept      \($0.path)  (written since the loss)" }
        let verb = result.dryRun ? "would restore" : "restored"
        let record = result.recordRestored ? " and its sync record (deployed \(SyncOutput.short(result.deployed)))" : ""
        lines.append("\(result.environment): \(verb) \(result.writes.count) item(s) of state \(SyncOutput.short(result.state))\(record)\(result.dryRun ? " (dry run: nothing written)" : ""), kept \(result.kept.count)")
        Console.output(lines.joined(separator: "\n"))
    }
}
