import ArgumentParser
import CodeModeCore
import CodeModeSync

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Read an environment's prefix into a snapshot commit on refs/codemode/ENV.",
        discussion: "A new snapshot is made only when the prefix or its deployed commit changed; its parent is the previous one. A prefix that lost its data is not recorded: exit 3, see restore. See docs/sync.md."
    )

    @Argument(help: "The environment, as named in codemode.yaml.")
    var environment: String

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let result = try RefusalOutput.reporting("fetch", json: output) { try library.fetch(environment) }
        SyncOutput.warn(result.problems)
        if output.json {
            output.printJSON(result.jsonValue)
            return
        }
        guard result.isNew else {
            Console.output("\(environment.trackingRef) is up to date (\(SyncOutput.short(result.snapshot)))")
            return
        }
        Console.output("\(environment.trackingRef): \(SyncOutput.short(result.previous)) → \(SyncOutput.short(result.snapshot)), \(result.added.count) added, \(result.changed.count) changed, \(result.deleted.count) deleted")
    }
}
