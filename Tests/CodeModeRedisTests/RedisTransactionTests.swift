import CodeModeRedis
import Testing
import TestSupport

@Suite(.sharedRedisServer)
struct RedisTransactionTests {
    let server: RedisServer
    let connection: RedisConnection
    let prefix: String

    init() throws {
        server = try SharedRedisServer.server()
        connection = try server.connect()
        prefix = server.uniquePrefix()
    }

    @Test func appliesQueuedCommandsWhenNothingChanged() throws {
        let key = "\(prefix):value", counter = "\(prefix):counter"
        try connection.command("SET", key, "old")
        var seen: RedisReply?
        let results = try connection.transaction(watching: [key]) { connection in
            seen = try connection.command("GET", key)
            return [["SET", key, "new"], ["INCR", counter]].map { $0.map(bytes) }
        }
        #expect(seen == .string(bytes("old")))
        #expect(results == [.status("OK"), .integer(1)])
        #expect(try connection.command("GET", key) == .string(bytes("new")))
    }

    @Test func abortsWhenAnotherClientChangesAWatchedKey() throws {
        let key = "\(prefix):watched"
        try connection.command("SET", key, "old")
        let other = try server.connect()
        let results = try connection.transaction(watching: [key]) { _ in
            try other.command("SET", key, "theirs")
            return [["SET", key, "ours"].map(bytes)]
        }
        #expect(results == nil)
        #expect(try connection.command("GET", key) == .string(bytes("theirs")))
        // The aborted EXEC ended the watch: the next transaction goes through.
        #expect(try connection.transaction(watching: []) { _ in [["SET", key, "ours"].map(bytes)] } == [.status("OK")])
    }

    @Test func runtimeErrorsComeBackInPlace() throws {
        let key = "\(prefix):string"
        try connection.command("SET", key, "v")
        let results = try connection.transaction(watching: [key]) { _ in
            [["LPUSH", key, "x"], ["APPEND", key, "w"]].map { $0.map(bytes) }
        }
        #expect(results?.count == 2)
        if case .error(let message)? = results?.first {
            #expect(message.hasPrefix("WRONGTYPE"))
        } else {
            Issue.record("LPUSH inside EXEC answered \(String(describing: results?.first))")
        }
        #expect(results?.last == .integer(2))
    }

    @Test func aRejectedCommandDiscardsTheTransaction() throws {
        let key = "\(prefix):discarded"
        let error = #expect(throws: RedisError.self) {
            try connection.transaction(watching: [key]) { _ in
                [["SET", key, "1"], ["NOSUCHCOMMAND", key]].map { $0.map(bytes) }
            }
        }
        #expect(error?.kind == .server)
        let message = error?.message ?? ""
        #expect(message.contains("NOSUCHCOMMAND failed") && message.contains("EXECABORT"), "\(message)")
        #expect(try connection.command("EXISTS", key) == .integer(0))
        #expect(!connection.isBroken)
    }

    @Test func aThrowingBodyReleasesTheWatch() throws {
        struct Cancelled: Error {}
        let key = "\(prefix):released"
        #expect(throws: Cancelled.self) {
            try connection.transaction(watching: [key]) { _ in throw Cancelled() }
        }
        // Had the watch survived, this change would abort the transaction below.
        try server.connect().command("SET", key, "changed")
        #expect(try connection.transaction(watching: []) { _ in [["GET", key].map(bytes)] } == [.string(bytes("changed"))])
    }
}
