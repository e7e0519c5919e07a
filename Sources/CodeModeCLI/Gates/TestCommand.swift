import ArgumentParser
import CodeModeCore
import CodeModeGates
import CodeModeSession
import CodeModeStorage
import CodeModeSync
import Foundation
import Synchronization

/// `codemode test`: the library's tests (`tests/test_*.py`) in real sessions.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the library's tests (tests/test_*.py) in sessions, side by side.",
        discussion: """
            A test is a function test_*() or async def test_*() with plain assert, with skills, \
            tools, artifacts and deps as globals. Tests run against the work tree (default), a \
            git revision (--rev, its tests too) or an environment's prefix (--env), always \
            read-only: a test cannot change the library, and its artifacts go to a temporary \
            folder. Exit 0 all passed, 1 any failed, 64 usage, 69 Redis unreachable. See docs/gates.md.
            """
    )

    @Argument(help: ArgumentHelp("Only these test files: a path, test_x.py, test_x, or a skill name x.", valueName: "path-or-name"))
    var selectors: [String] = []

    @Option(name: .customShort("k"), help: ArgumentHelp("Only tests whose name contains this.", valueName: "substring"))
    var keyword = ""

    @Option(name: .long, help: ArgumentHelp("Test the library as this git revision has it: a branch, tag or commit.", valueName: "rev"))
    var rev: String?

    @Option(name: .long, help: ArgumentHelp("Test the skills of this environment's prefix (with the work tree's tests).", valueName: "name"))
    var env: String?

    @Option(name: .long, help: ArgumentHelp("Kernels run at once (default: the number of cores).", valueName: "n"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Seconds one test may run before it fails (0: no limit).", valueName: "seconds"))
    var timeout: Double = 60

    @Option(name: .long, help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    @Flag(name: .long, help: "List which skills the tests invoked, and those no test reaches.")
    var coverage = false

    @OptionGroup var folder: LibraryFolderOption

    @Option(name: .long, help: ArgumentHelp("Isolate the kernels: required, auto or off (default: the sandbox of codemode.yaml for the library or --env).", valueName: "mode"))
    var sandbox: SandboxSettings.Mode?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if rev != nil && env != nil { throw ValidationError("use --rev or --env, not both") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        do {
            _ = try CellTimeout.limit(seconds: timeout)
        } catch {
            throw ValidationError("--timeout \(error.message)")
        }
    }

    func run() async throws {
        let folder = try self.folder.fileStorage().base
        let (files, library) = try testsAndLibrary(folder)
        let chosen = try TestDiscovery.select(files, selectors, libraryFolder: folder)
        // Fails here, once, when the storage cannot be reached (a Redis server that is down: 69).
        let skills = try library().listSkills().skills.map(\.name.rawValue)

        var runner = TestRunner()
        runner.keyword = keyword
        runner.jobs = jobs
        runner.timeout = timeout
        runner.config.sandbox = try EnvironmentConfig.load(libraryFolder: folder).sandbox(for: env, mode: sandbox, serving: false)
        runner.config.notice = { Console.warning($0) }
        let progress = TestProgress()
        runner.progress = progress.handler
        let report = try await runner.runReadOnly(chosen, reason: "codemode test runs tests read-only; a test cannot change the library", library: library)
        progress.finish()

        if let junit { try Data(JUnitReport.xml(report).utf8).write(to: URL(fileURLWithPath: junit)) }
        let uncovered = skills.filter { !report.invokedSkills.contains($0) }
        if output.json {
            output.printJSON(TestOutput.json(report, skills: coverage ? skills : nil))
        } else {
            Console.output(TestOutput.text(report, files: chosen.count, uncovered: coverage ? uncovered : nil, skillCount: skills.count))
        }
        if report.failed > 0 { throw CommandFailure(message: nil) }
    }

    /// The test files and a maker of the library's storage, for the side the options name.
    private func testsAndLibrary(_ folder: URL) throws -> ([TestFile], @Sendable () throws -> any StorageBackend) {
        if let rev {
            let revision: GitRevisionStorage
            do {
                revision = try GitRevisionStorage(base: folder, revision: rev)
            } catch let error as StorageError where error.kind == .notFound {
                throw CommandFailure(message: error.message, code: ExitStatus.usage)
            }
            return (try TestDiscovery.files(in: revision), { try GitRevisionStorage(base: folder, revision: rev) })
        }
        let files = try TestDiscovery.files(inFolder: folder)
        if let env {
            let environment = try EnvironmentConfig.load(libraryFolder: folder).environment(named: env)
            let url = try environment.resolvedURL()
            return (files, { try RedisStorage(url: url, prefix: environment.prefix) })
        }
        return (files, { FileStorage(base: folder) })
    }
}

/// The progress line while files run: `testing 3/10 files`, on a terminal only.
private final class TestProgress: Sendable {
    private let line = Mutex(ProgressLine(label: "testing files"))

    var handler: (@Sendable (Int, Int) -> Void)? {
        guard Console.stderrIsTerminal else { return nil }
        return { done, total in self.line.withLock { $0.update(done, total) } }
    }

    func finish() { line.withLock { $0.finish() } }
}
