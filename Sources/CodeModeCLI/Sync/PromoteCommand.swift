import ArgumentParser
import CodeModeCore
import CodeModeStorage
import CodeModeSync

struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Push the commit deployed in the previous stage into this one.",
        discussion: """
            The commit comes from the previous stage's sync record (promotion: in codemode.yaml), \
            not from HEAD, so unreviewed agent-made skills are never promoted by accident. Same \
            three-way rules and refusals as push (exit 3).
            """
    )

    @Argument(help: "The environment to promote into.")
    var environment: String

    @OptionGroup var plan: PlanOptions

    func run() async throws {
        let (library, environment) = try plan.sync.open(environment)
        let stage = try library.config.stage(before: environment.name)
        try await plan.run(PushRequest(kind: .promote(from: stage.name), commit: library.deployedCommit(in: stage)),
                     command: "promote", library: library, environment: environment)
    }
}

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make an environment hold an earlier state again, recorded as a new state.",
        discussion: """
            REV is a snapshot (see codemode log ENV) or any commit. The items that changed since \
            the deployed commit are set back; what agents changed meanwhile is kept, and an item \
            changed by both is a conflict (exit 3, nothing written).
            """
    )

    @Argument(help: "The environment.")
    var environment: String

    @Argument(help: "The state to return to: a snapshot or any commit.")
    var revision: String

    @OptionGroup var plan: PlanOptions

    func run() async throws {
        let (library, environment) = try plan.sync.open(environment)
        try await plan.run(PushRequest(kind: .rollback(revision: revision), commit: library.commit(revision)),
                     command: "rollback", library: library, environment: environment)
    }
}

/// `--dry-run`, `--force`, `--base` and `--json`: what promote and rollback take besides their arguments.
struct PlanOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the plan; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Make the prefix equal to the commit: overwrite conflicts and a newer deployment, delete what it lacks.")
    var force = false

    @OptionGroup var gates: GateOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run(_ request: PushRequest, command: String, library: SyncLibrary, environment: Environment) async throws {
        var request = request
        request.dryRun = dryRun
        request.force = force
        try await gates.evaluate(&request, library: library, environment: environment, output: output)
        request.tool = "codemode \(CodeModeVersion.current)"
        try await PushOutput.run(request, command: command, library: library, environment: environment, output: output, listing: listing)
    }
}
