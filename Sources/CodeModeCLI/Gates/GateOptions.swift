import ArgumentParser
import CodeModeCore
import CodeModeGates
import CodeModeGit
import CodeModeSync

/// `--skip-gate NAME --reason TEXT`: the audited way past a gate, for push, promote, rollback and restore.
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Do not evaluate this gate (tests, coverage, soak, branch); needs --reason. Recorded with who skipped it.", valueName: "gate"))
    var skipGate: [String] = []

    @Option(name: .long, help: ArgumentHelp("Why the gates in --skip-gate are skipped; kept in the sync record and shown by log.", valueName: "text"))
    var reason: String?

    func validate() throws {
        if let unknown = skipGate.first(where: { !GateSettings.allNames.contains($0) }) {
            throw ValidationError("--skip-gate \(unknown): gates are \(GateSettings.allNames.joined(separator: ", "))")
        }
        if !skipGate.isEmpty && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--skip-gate needs --reason TEXT: a skip is recorded with who made it and why")
        }
    }

    /// The environment's gates on `request.commit`: the request carries their results to the
    /// sync record; a failed gate stops the command here, before anything is written (exit 1),
    /// naming each gate and why — unless it is a dry run, which shows them with its plan.
    func evaluate(_ request: inout PushRequest, library: SyncLibrary, environment: Environment, output: OutputOptions) async throws {
        request.gates = try await evaluate(request.commit, dryRun: request.dryRun, library: library, environment: environment, output: output)
    }

    /// The environment's gates on `commit`, for any command that writes to it; throws (exit 1)
    /// when one failed, unless `dryRun`.
    func evaluate(_ commit: ObjectID, dryRun: Bool, library: SyncLibrary, environment: Environment, output: OutputOptions) async throws -> [GateResult] {
        let gates = environment.gates
        if let notSet = skipGate.first(where: { !gates.names.contains($0) }) {
            throw CommandFailure(message: "--skip-gate \(notSet): \(environment.name) has no \(notSet) gate (its gates: \(gates.names.isEmpty ? "none" : gates.names.joined(separator: ", ")))", code: ExitStatus.usage)
        }
        guard !gates.isEmpty else { return [] }
        let skips = Dictionary(uniqueKeysWithValues: skipGate.map { ($0, reason ?? "") })
        let results = try await GateEvaluator().evaluate(environment, candidate: commit, library: library,
                                                         skips: skips, who: "\(try library.repository.identity)")
        let failed = results.filter { $0.outcome == .failed }
        guard !failed.isEmpty, !dryRun else { return results }
        if output.json {
            output.printJSON(.object([JSONMember("refused", .string("gates")), JSONMember("environment", .string(environment.name)),
                                      JSONMember("commit", .string(commit.hex)), JSONMember("gates", .array(results.map(\.jsonValue)))]))
        }
        let lines = failed.map { "  \($0.summary)" }
        throw CommandFailure(message: "\(failed.count) gate(s) of \(environment.name) failed for \(commit.hex.prefix(12)); nothing was written:\n" + lines.joined(separator: "\n"))
    }
}
