import CodeModeCore
import CodeModeGates
import CodeModeGit
import CodeModeSync

/// What happens after a write to an environment with `verify:` tests: they run against the
/// prefix; when one fails, the prefix is rolled back to the commit deployed before (three-way,
/// so what agents wrote meanwhile stays), the commit is blocked there, and the command fails.
enum Verification {
    /// After push, promote or rollback. `printing`: say that verification passed on stdout
    /// (not with `--json`, whose document is the output); a failure is the command's error
    /// either way.
    static func run(after result: PushResult, request: PushRequest, library: SyncLibrary, environment: Environment, printing: Bool) async throws {
        guard result.recorded, !result.dryRun else { return }
        try await run(commit: request.commit, rollbackTo: result.previousDeployment,
                      noRollback: "nothing was deployed before it, so there is nothing to roll back to",
                      tool: request.tool, library: library, environment: environment, printing: printing)
    }

    /// Verifies `commit`, just written to `environment`; on failure rolls back to `rollbackTo`
    /// (or says `noRollback` when there is none) and blocks `commit` there.
    static func run(commit: ObjectID, rollbackTo previous: ObjectID?, noRollback: String, tool: String,
                    library: SyncLibrary, environment: Environment, printing: Bool) async throws {
        guard !environment.verify.isEmpty else { return }
        let report = try await Verifier().verify(environment, commit: commit, library: library)
        guard report.failed > 0 else {
            try library.recordVerification(environment, commit: commit, outcome: "passed (\(report.summary))")
            if printing { Console.output("verify \(environment.name): passed (\(report.summary))") }
            return
        }
        let failures = report.results.filter { $0.outcome == .failed }
        let names = failures.prefix(5).map { "\($0.file)::\($0.name)" }.joined(separator: ", ") + (failures.count > 5 ? ", …" : "")
        var lines = ["verify \(environment.name): failed (\(report.summary)): \(names)"]
        lines += failures.prefix(5).map { "  \($0.file)::\($0.name): \($0.message)" }
        var rollback = noRollback
        if let previous {
            do {
                var back = PushRequest(kind: .rollback(revision: String(previous.hex.prefix(12))), commit: previous)
                back.tool = tool
                _ = try library.push(environment, back)
                rollback = "\(environment.name) was rolled back to \(previous.hex.prefix(12))"
            } catch {
                rollback = "the rollback to \(previous.hex.prefix(12)) failed: \(error) — roll back by hand (codemode rollback \(environment.name) \(previous.hex.prefix(12)))"
            }
        }
        try library.block(environment, commit: commit, reason: "verify failed: \(names)")
        try library.recordVerification(environment, commit: commit, outcome: "failed (\(report.summary)): \(names); \(rollback)")
        lines.append("\(rollback); \(commit.hex.prefix(12)) is blocked in \(environment.name) until `codemode unblock \(environment.name) \(commit.hex.prefix(12)) --reason TEXT`")
        throw CommandFailure(message: lines.joined(separator: "\n"))
    }
}
