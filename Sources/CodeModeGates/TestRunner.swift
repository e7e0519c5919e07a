import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Synchronization

/// Runs test files in real sessions: `jobs` kernels side by side, each taking the next file.
/// Every file runs in a namespace of its own (the harness executes it into a fresh dict), so
/// files never see each other's variables; a kernel serves many files, as one pytest process
/// does: a kernel per file cost ten times the tests themselves (5.0 s against 0.55 s for 100
/// files). Each test is a cell of its own, so a test that hangs is interrupted at `timeout`
/// and fails alone, and a kernel that dies fails the test it was running; the file is then
/// loaded again, in the restarted kernel, for the rest.
public struct TestRunner: Sendable {
    /// Only tests whose name contains this.
    public var keyword = ""
    /// Kernels run at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Seconds one test may run (0: no limit).
    public var timeout: Double = 60
    /// The sessions' kernel settings.
    public var config = SubprocessConfig()
    /// Told after each file: files done, files in all.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init() {}

    /// Runs `files` read-only against the library `library` makes (one per kernel): changes to
    /// it are refused with `reason`, and artifacts go to a temporary folder removed afterwards,
    /// so a test never touches the library or its real artifacts.
    public func runReadOnly(_ files: [TestFile], reason: String,
                            library: @escaping @Sendable () throws -> any StorageBackend) async throws -> TestReport {
        let artifacts = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: artifacts) }
        return try await run(files) { ReadOnlyLibrary(try library(), artifactsIn: artifacts, reason: reason) }
    }

    /// Runs `files`; `storage` makes each kernel's own view of the library.
    public func run(_ files: [TestFile], storage: @escaping @Sendable () throws -> any StorageBackend) async throws -> TestReport {
        let clock = ContinuousClock()
        let started = clock.now
        let queue = WorkQueue(files)
        let workers = max(1, min(jobs, files.count))
        let results = try await withThrowingTaskGroup(of: [TestCaseResult].self) { group in
            for _ in 0..<workers {
                group.addTask { try await runWorker(queue, storage: storage, total: files.count) }
            }
            var all: [TestCaseResult] = []
            for try await part in group { all += part }
            return all
        }
        let order = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1.path, $0) })
        // Files in path order, tests in the order their files define them.
        let sorted = results.enumerated().sorted { (order[$0.element.file] ?? 0, $0.offset) < (order[$1.element.file] ?? 0, $1.offset) }.map(\.element)
        let elapsed = clock.now - started
        return TestReport(results: sorted, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func runWorker(_ queue: WorkQueue, storage: @Sendable () throws -> any StorageBackend, total: Int) async throws -> [TestCaseResult] {
        let session = Session(storage: try storage(), executor: SubprocessExecutor(config))
        var results: [TestCaseResult] = []
        while let file = queue.next() {
            results += try await run(file, in: session)
            progress?(queue.finish(), total)
        }
        await session.close()
        return results
    }

    /// The results of one file's tests.
    private func run(_ file: TestFile, in session: Session) async throws -> [TestCaseResult] {
        let load = try await session.run(TestHarness.loadCell(file, keyword: keyword), timeout: timeout)
        guard load.error == nil, case .array(let listed)? = load.value else {
            let error = Self.withoutHarnessFrames(load.error ?? "the file listed no tests")
            return [TestCaseResult(file: file.path, name: TestCaseResult.loadName, outcome: .failed,
                                   message: Self.lastLine(error), traceback: error,
                                   output: load.stdout + load.stderr, seconds: 0, invoked: [])]
        }
        var results: [TestCaseResult] = []
        for name in listed.compactMap(\.stringValue) {
            let cell = try await session.run(TestHarness.testCell(name), timeout: timeout)
            guard cell.error == nil, let value = cell.value, let result = Self.result(value, file: file.path, output: cell.stdout + cell.stderr) else {
                // Timed out or the kernel died: the test fails; its file is loaded again
                // (a restarted kernel lost it) for the tests after it.
                let error = Self.withoutHarnessFrames(cell.error ?? "the test gave no result")
                results.append(TestCaseResult(file: file.path, name: name, outcome: .failed,
                                              message: String(error.prefix { $0 != "\n" }), traceback: error,
                                              output: cell.stdout + cell.stderr, seconds: cell.durationMilliseconds / 1000, invoked: []))
                _ = try await session.run(TestHarness.loadCell(file, keyword: keyword), timeout: timeout)
                continue
            }
            results.append(result)
        }
        return results
    }

    /// A session's error text without the frames of the harness's own cells (`File "<cell 3>"`
    /// and the line under it): the traceback a user reads starts in the test file.
    static func withoutHarnessFrames(_ error: String) -> String {
        var lines: [Substring] = []
        var skipping = false
        for line in error.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  File \"<cell ") {
                skipping = true
                continue
            }
            if skipping && line.hasPrefix("    ") { continue }
            skipping = false
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    static func lastLine(_ text: String) -> String {
        String(text.split(separator: "\n").last ?? Substring(text))
    }

    static func result(_ value: JSONValue, file: String, output: String) -> TestCaseResult? {
        guard let name = value["name"]?.stringValue, let outcome = value["outcome"]?.stringValue.flatMap(TestOutcome.init(rawValue:)) else {
            return nil
        }
        return TestCaseResult(file: file, name: name, outcome: outcome, message: value["message"]?.stringValue ?? "",
                              traceback: value["traceback"]?.stringValue ?? "", output: output,
                              seconds: value["seconds"]?.doubleValue ?? 0,
                              invoked: value["invoked"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

/// The files still to run, shared by the workers.
private final class WorkQueue: Sendable {
    private let state: Mutex<(files: [TestFile], next: Int, finished: Int)>

    init(_ files: [TestFile]) { state = Mutex((files, 0, 0)) }

    func next() -> TestFile? {
        state.withLock { state in
            guard state.next < state.files.count else { return nil }
            defer { state.next += 1 }
            return state.files[state.next]
        }
    }

    /// Counts a finished file; returns how many are finished.
    func finish() -> Int {
        state.withLock { state in
            state.finished += 1
            return state.finished
        }
    }
}
