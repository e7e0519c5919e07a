import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

/// A session on a fresh library, in a folder or a Redis prefix, with small helpers. Its kernel
/// runs in the sandbox (`required`) unless the config sets a mode: this suite shows that skills,
/// tools, artifacts and deps work isolated; the CLI's tests run sessions without it.
final class SessionFixture {
    enum Side: String, CaseIterable, CustomStringConvertible {
        case folder, redis
        var description: String { rawValue }
    }

    let folder: TemporaryDirectory
    let server: RedisServer?
    /// The test's own view of the library the session serves (the session owns another).
    let storage: any StorageBackend
    let session: Session
    private let openStorage: () throws -> sending any StorageBackend

    init(_ side: Side = .folder, config: SubprocessConfig = SubprocessConfig(defaultTimeout: 20), server shared: RedisServer? = nil,
         prefix: String? = nil) throws {
        let folder = try TemporaryDirectory("session")
        self.folder = folder
        switch side {
        case .folder:
            server = nil
            openStorage = { FileStorage(base: folder.url) }
        case .redis:
            let server = try shared ?? RedisServer()
            self.server = server
            let prefix = prefix ?? server.uniquePrefix()
            openStorage = { try RedisStorage(url: server.url, prefix: prefix) }
        }
        storage = try openStorage()
        var config = config
        config.sandbox.mode = config.sandbox.mode ?? .required
        session = Session(storage: try openStorage(), executor: SubprocessExecutor(config))
    }

    /// Another storage on the same library, e.g. for a second session.
    func newStorage() throws -> sending any StorageBackend { try openStorage() }

    /// Runs `code` and fails the test when it raised.
    @discardableResult
    func value(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue? {
        let result = try await session.run(code)
        #expect(result.error == nil, "\(code) raised: \(result.error ?? "")", sourceLocation: sourceLocation)
        return result.value
    }

    /// Runs `code`, which must raise; returns the error text.
    func error(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await session.run(code)
        #expect(result.error != nil, "\(code) did not raise", sourceLocation: sourceLocation)
        return result.error ?? ""
    }

    static let double = """
        \"\"\"Doubles a number.\"\"\"


        async def run(x: int) -> int:
            return x * 2

        """
}
