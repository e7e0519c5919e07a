import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

/// A session on a fresh library, in a folder or a Redis prefix, with small helpers.
final class SessionFixture {
    enum Side: String, CaseIterable, CustomStringConvertible {
        case folder, redis
        var description: String { rawValue }
    }

    let folder: TemporaryDirectory
    let server: RedisServer?
    let storage: any StorageBackend
    let session: Session

    init(_ side: Side = .folder, config: SubprocessConfig = SubprocessConfig(defaultTimeout: 20), server shared: RedisServer? = nil,
         prefix: String? = nil) throws {
        folder = try TemporaryDirectory("session")
        switch side {
        case .folder:
            server = nil
            storage = FileStorage(base: folder.url)
        case .redis:
            let server = try shared ?? RedisServer()
            self.server = server
            storage = try RedisStorage(url: server.url, prefix: prefix ?? server.uniquePrefix())
        }
        session = Session(storage: storage, executor: SubprocessExecutor(config))
    }

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
