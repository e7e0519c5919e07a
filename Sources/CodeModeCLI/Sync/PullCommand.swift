import ArgumentParser
import CodeModeCore
import CodeModeSync

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Merge an environment's snapshot into the current branch, or into a review branch.",
        discussion: """
            Fetches, then merges refs/codemode/ENV: a fast-forward when possible, else a merge \
            commit; conflicts are left with git's markers (exit 1). With --branch NAME the merge \
            goes to that branch (created from HEAD) and the work tree is not touched: how \
            agent-made skills come up for review. Uncommitted edits in the way: refused (exit 3).
            """
    )

    @Argument(help: "The environment.")
    var environment: String

    @Option(name: .long, help: ArgumentHelp("Merge into this branch instead, leaving the work tree alone.", valueName: "name"))
    var branch: String?

    @Flag(name: .long, help: "Stage the merge but do not commit it (git commit finishes it).")
    var noCommit = false

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let result = try RefusalOutput.reporting("pull", json: output) { try library.pull(environment, branch: branch, commit: !noCommit) }
        SyncOutput.warn(result.problems)
        if output.json {
            output.printJSON(result.jsonValue)
        } else {
            var lines: [String]
            switch result.outcome {
            case .upToDate: lines = ["\(result.branch) is up to date with \(environment.trackingRef)"]
            case .fastForward: lines = ["\(result.branch): fast-forward to \(SyncOutput.short(result.commit))"]
            case .merged: lines = ["\(result.branch): merged \(environment.trackingRef) as \(SyncOutput.short(result.commit))"]
            case .staged: lines = ["merge of \(environment.trackingRef) staged; finish it with git commit"]
            case .conflicts: lines = ["merging \(environment.trackingRef) left conflicts; resolve them, then git add and git commit (or git merge --abort):"]
            }
            if result.outcome == .conflicts {
                lines += result.conflicts.map { "  both changed: \($0)" }
            } else if result.outcome != .upToDate {
                lines += listing.lines(SyncOutput.listed(result.items))
            }
            Console.output(lines.joined(separator: "\n"))
        }
        if result.outcome == .conflicts { throw CommandFailure(message: nil) }
    }
}
