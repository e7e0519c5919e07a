import CodeModeCore
import CodeModeGit
import CodeModeStorage
import CodeModeSync
import Foundation

/// Evaluates an environment's gates (DESIGN.md §6) on the commit about to be written there,
/// before anything is written: `branch` (the commit is on the reviewed branch), `soak` (it
/// has been deployed in the stage before long enough), `tests` (its tests pass, run as
/// `codemode test --rev COMMIT`) and `coverage` (its tests invoke every skill it has).
public struct GateEvaluator {
    /// The clock the soak gate reads; tests set another time rather than sleep.
    public var now: @Sendable () -> Date = { Date() }
    /// How the tests of the `tests` and `coverage` gates run.
    public var runner = TestRunner()

    public init() {}

    /// Every gate of `environment` for `candidate`, in order. A gate named in `skips` (gate →
    /// reason) is not evaluated: it is recorded as skipped, with the reason and `who`.
    public func evaluate(_ environment: Environment, candidate: ObjectID, library: SyncLibrary,
                         skips: [String: String], who: String) async throws -> [GateResult] {
        let gates = environment.gates
        var results: [GateResult] = []
        var testReport: (report: TestReport, files: Int, skills: [String])?
        for gate in gates.names {
            if let reason = skips[gate] {
                results.append(GateResult(gate: gate, outcome: .skipped, detail: "\(reason), by \(who)"))
                continue
            }
            switch gate {
            case "branch": results.append(try branchGate(gates.branch ?? "", candidate: candidate, library: library))
            case "soak": results.append(try soakGate(gates.soak ?? .zero, environment: environment, candidate: candidate, library: library))
            default:
                if testReport == nil { testReport = try await runTests(of: candidate, in: environment, library: library) }
                if let testReport {
                    results.append(gate == "tests" ? Self.testsGate(testReport.report, files: testReport.files)
                                                   : Self.coverageGate(testReport.report, files: testReport.files, skills: testReport.skills))
                }
            }
        }
        return results
    }

    private func branchGate(_ branch: String, candidate: ObjectID, library: SyncLibrary) throws -> GateResult {
        let short = candidate.hex.prefix(12)
        guard let tip = try library.repository.reference(named: "refs/heads/\(branch)") else {
            return GateResult(gate: "branch", outcome: .failed, detail: "there is no branch \(branch) in this repository")
        }
        guard try tip == candidate || library.repository.isDescendant(tip, of: candidate) else {
            return GateResult(gate: "branch", outcome: .failed, detail: "\(short) is not on \(branch); merge it into \(branch) first")
        }
        return GateResult(gate: "branch", outcome: .passed, detail: "\(short) is on \(branch)")
    }

    private func soakGate(_ soak: Duration, environment: Environment, candidate: ObjectID, library: SyncLibrary) throws -> GateResult {
        let stage: Environment
        do {
            stage = try library.config.stage(before: environment.name)
        } catch {
            return GateResult(gate: "soak", outcome: .failed, detail: "\(environment.name) has no stage before it in promotion:, so nothing can soak there")
        }
        guard let deployment = try library.deployment(in: stage) else {
            return GateResult(gate: "soak", outcome: .failed, detail: "\(stage.name) has no deployed commit")
        }
        guard deployment.commit == candidate else {
            return GateResult(gate: "soak", outcome: .failed, detail: "\(stage.name) runs \(deployment.commit.hex.prefix(12)), not \(candidate.hex.prefix(12))")
        }
        let soaked = now().timeIntervalSince(deployment.time)
        let required = Double(soak.components.seconds)
        guard soaked >= required else {
            return GateResult(gate: "soak", outcome: .failed,
                              detail: "deployed in \(stage.name) \(Self.describe(soaked)) ago; \(Self.describe(required - soaked)) left of \(Self.describe(required))")
        }
        return GateResult(gate: "soak", outcome: .passed, detail: "deployed in \(stage.name) \(Self.describe(soaked)) ago")
    }

    /// The candidate's tests on the candidate's skills, read-only, artifacts in a temporary
    /// folder, in kernels isolated as the environment's sessions are.
    private func runTests(of candidate: ObjectID, in environment: Environment, library: SyncLibrary) async throws -> (report: TestReport, files: Int, skills: [String]) {
        var runner = runner
        runner.config.sandbox = try library.config.sandbox(for: environment.name, mode: runner.config.sandbox.mode, serving: false)
        let base = library.base
        let revision = candidate.hex
        let storage = try GitRevisionStorage(base: base, revision: revision)
        let files = try TestDiscovery.files(in: storage)
        let skills = try storage.listSkills().skills.map(\.name.rawValue)
        let report = try await runner.runReadOnly(files, reason: "gate tests run read-only; a test cannot change the library") {
            try GitRevisionStorage(base: base, revision: revision)
        }
        return (report, files.count, skills)
    }

    static func testsGate(_ report: TestReport, files: Int) -> GateResult {
        guard files > 0 else { return GateResult(gate: "tests", outcome: .failed, detail: "the commit has no tests (tests/test_*.py)") }
        let failed = report.results.filter { $0.outcome == .failed }
        guard failed.isEmpty else {
            let names = failed.prefix(5).map { "\($0.file)::\($0.name) (\($0.message.prefix(80)))" }.joined(separator: ", ")
            return GateResult(gate: "tests", outcome: .failed, detail: "\(failed.count) of \(report.results.count) tests failed: \(names)\(failed.count > 5 ? ", …" : "")")
        }
        return GateResult(gate: "tests", outcome: .passed, detail: report.summary)
    }

    static func coverageGate(_ report: TestReport, files: Int, skills: [String]) -> GateResult {
        let invoked = report.invokedSkills
        let missing = skills.filter { !invoked.contains($0) }
        guard files > 0, missing.isEmpty else {
            let detail = files == 0 ? "the commit has no tests (tests/test_*.py)"
                : "\(missing.count) of \(skills.count) skills no test invokes: \(missing.prefix(10).joined(separator: ", "))\(missing.count > 10 ? ", …" : "")"
            return GateResult(gate: "coverage", outcome: .failed, detail: detail)
        }
        return GateResult(gate: "coverage", outcome: .passed, detail: "\(skills.count) of \(skills.count) skills invoked")
    }

    /// `2h 5m`, `45m`, `30s`.
    static func describe(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.up)))
        let (days, hours, minutes) = (total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(total)s"
    }
}
