import CodeModeCore
import CodeModeGit
import CodeModeStorage
import CodeModeSync
import Foundation

/// Runs an environment's `verify` tests against its prefix right after a write: the tests of
/// the commit just written, on the skills the prefix now holds, read-only, in kernels isolated
/// as the environment's sessions are.
public struct Verifier {
    public var runner = TestRunner()

    public init() {}

    public func verify(_ environment: Environment, commit: ObjectID, library: SyncLibrary) async throws -> TestReport {
        let revision = try GitRevisionStorage(base: library.base, revision: commit.hex)
        let files = try TestDiscovery.select(TestDiscovery.files(in: revision), environment.verify, libraryFolder: library.base)
        let url = try environment.resolvedURL()
        let prefix = environment.prefix
        var runner = runner
        runner.config.sandbox = try library.config.sandbox(for: environment.name, mode: runner.config.sandbox.mode, serving: false)
        return try await runner.runReadOnly(files, reason: "verify tests run read-only; a test cannot change the prefix") {
            try RedisStorage(url: url, prefix: prefix)
        }
    }
}
