import ArgumentParser
import CodeModeCore
import CodeModeSync

struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Write HEAD's changes into an environment, three-way and atomically.",
        discussion: """
            Writes only what changed here since the base, keeps what changed only in the prefix \
            (agents' new skills), and refuses the whole push (exit 3, nothing written) when an \
            item changed on both sides, when the environment runs a commit that HEAD does not \
            contain (a push from behind), or when the prefix lost its data (see restore). \
            Everything written is validated first. Pushes the HEAD commit, never uncommitted \
            edits. --force makes the prefix equal to HEAD.
            """
    )

    @Argument(help: "The environment.")
    var environment: String

    @Flag(name: .long, help: "Print the plan; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Make the prefix equal to HEAD: overwrite conflicts and a newer deployment, delete what HEAD lacks.")
    var force = false

    @OptionGroup var gates: GateOptions
    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        guard let head = try library.repository.headCommit else {
            throw CommandFailure(message: "HEAD has no commit yet; commit the library first (push sends commits, not the work tree)")
        }
        var request = PushRequest(kind: .push, commit: head)
        request.force = force
        request.dryRun = dryRun
        request.tool = "codemode \(CodeModeVersion.current)"
        try await gates.evaluate(&request, library: library, environment: environment, output: output)
        try await PushOutput.run(request, command: "push", library: library, environment: environment, output: output, listing: listing)
    }
}

/// Runs a push-like request and prints its plan or result; shared by push, promote and rollback.
enum PushOutput {
    /// `command` names the command in advice (`codemode promote prod --force`).
    static func run(_ request: PushRequest, command: String, library: SyncLibrary, environment: Environment, output: OutputOptions,
                    listing: ListingOptions) async throws {
        let result = try RefusalOutput.reporting(command, json: output) { try library.push(environment, request) }
        SyncOutput.warn(result.problems)
        if case .push = request.kind, !result.uncommitted.isEmpty {
            let paths = result.uncommitted.prefix(5).map(\.path).joined(separator: ", ") + (result.uncommitted.count > 5 ? ", …" : "")
            Console.warning("\(result.uncommitted.count) uncommitted edit(s) are not pushed (push sends HEAD): \(paths)")
        }
        if output.json {
            output.printJSON(result.jsonValue)
            return try await Verification.run(after: result, request: request, library: library, environment: environment, printing: false)
        }
        let verb = result.dryRun ? "would write" : "wrote"
        var items = result.writes.map { write in
            ItemListing.Item(kind: "\(write.change.rawValue) \(write.item.kind.rawValue)",
                             line: "  \(write.change.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(write.item.path)  → \(write.key)")
        }
        items += result.kept.map { kept in
            ItemListing.Item(kind: "kept", line: "  kept      \(kept.item.path)  (\(kept.there?.rawValue ?? "changed") in \(environment.name); pull to get it)")
        }
        var lines = request.gates.map { "  gate      \($0.summary)" }
        lines += listing.lines(items)
        if result.writes.isEmpty {
            lines.append(result.recorded
                ? "\(environment.name) is up to date; recorded \(SyncOutput.short(result.commit)) as deployed"
                : "\(environment.name) is up to date with \(SyncOutput.short(result.commit))\(result.dryRun ? " (dry run)" : "")")
        } else {
            lines.append("\(environment.name): \(verb) \(result.writes.count) item(s) from \(SyncOutput.short(result.commit))\(result.dryRun ? " (dry run: nothing written)" : ""), kept \(result.kept.count)")
        }
        Console.output(lines.joined(separator: "\n"))
        try await Verification.run(after: result, request: request, library: library, environment: environment, printing: true)
    }
}
