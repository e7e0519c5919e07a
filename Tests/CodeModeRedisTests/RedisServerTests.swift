import CodeModeRedis
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite struct RedisServerTests {
    @Test func goingAwayStopsTheServerAndRemovesItsFolder() throws {
        var server: RedisServer? = try RedisServer()
        let pid = try #require(server).pid
        let directory = try #require(server).directory
        #expect(try #require(server).connect().command("PING") == .status("PONG"))
        #expect(kill(pid, 0) == 0)
        server = nil
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func servesOnAUnixSocket() throws {
        let server = try RedisServer(unixSocket: true)
        guard case .unix(let path) = server.url.endpoint else {
            Issue.record("expected a unix socket, got \(server.url)")
            return
        }
        let connection = try RedisConnection(url: try RedisURL(parsing: "unix://\(path)?db=2"))
        try connection.command("SET", "k", "v")
        var onTwo = server.url
        onTwo.database = 2
        #expect(try RedisConnection(url: onTwo).command("GET", "k") == .string(bytes("v")))
        #expect(try server.connect().command("GET", "k") == .null)
    }

    @Test func prefixesAreUnique() async throws {
        let server = try RedisServer()
        let prefixes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { server.uniquePrefix() } }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(prefixes).count == 100)
    }
}
