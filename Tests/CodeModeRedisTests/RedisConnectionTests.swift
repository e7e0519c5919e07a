import CodeModeRedis
import Testing
import TestSupport

@Suite(.sharedRedisServer)
struct RedisConnectionTests {
    let server: RedisServer
    let connection: RedisConnection
    let prefix: String

    init() throws {
        server = try SharedRedisServer.server()
        connection = try server.connect()
        prefix = server.uniquePrefix()
    }

    @Test func everyByteValueRoundTripsThroughStrings() throws {
        let value = (0...255).map(UInt8.init) + [0, 0, 13, 10, 0]
        let key = bytes("\(prefix):bin\0key")
        #expect(try connection.command([bytes("SET"), key, value]) == .status("OK"))
        #expect(try connection.command([bytes("GET"), key]) == .string(value))
        #expect(try connection.command([bytes("STRLEN"), key]) == .integer(value.count))
        #expect(try connection.command([bytes("EXISTS"), bytes("\(prefix):bin")]) == .integer(0))
    }

    @Test func nulBytesRoundTripThroughHashes() throws {
        let key = bytes("\(prefix):hash")
        let field = bytes("f\0\0ld")
        let value = (0...255).map(UInt8.init).reversed() + [0]
        #expect(try connection.command([bytes("HSET"), key, field, value, bytes("empty"), []]) == .integer(2))
        let all = try connection.command([bytes("HGETALL"), key])
        guard case .array(let items) = all, items.count == 4 else {
            Issue.record("HGETALL answered \(all)")
            return
        }
        let pairs = Dictionary(uniqueKeysWithValues: stride(from: 0, to: 4, by: 2).map { (items[$0], items[$0 + 1]) }
            .compactMap { pair -> ([UInt8], [UInt8])? in
                guard case .string(let name) = pair.0, case .string(let value) = pair.1 else { return nil }
                return (name, value)
            })
        #expect(pairs == [field: Array(value), bytes("empty"): []])
    }

    @Test func missingKeysAndStatusRepliesHaveTheirOwnCases() throws {
        #expect(try connection.command("GET", "\(prefix):missing") == .null)
        #expect(try connection.command("PING") == .status("PONG"))
        #expect(try connection.command("RPUSH", "\(prefix):list", "a", "b") == .integer(2))
        #expect(try connection.command("LRANGE", "\(prefix):list", "0", "-1") == .array([.string(bytes("a")), .string(bytes("b"))]))
    }

    @Test func pipelineOfTenThousandCommands() throws {
        let key = bytes("\(prefix):big")
        let commands = (0..<10_000).map { [bytes("HSET"), key, bytes("field\($0)"), bytes("value \($0)")] }
        let replies = try connection.pipeline(commands)
        #expect(replies.count == 10_000)
        #expect(replies.allSatisfy { $0 == .integer(1) })
        #expect(try connection.command([bytes("HLEN"), key]) == .integer(10_000))
        #expect(try connection.command([bytes("HGET"), key, bytes("field9999")]) == .string(bytes("value 9999")))
    }

    @Test(arguments: [1, 3, 64])
    func aWindowedPipelineAnswersEveryCommandInOrder(window: Int) throws {
        let key = bytes("\(prefix):windowed\(window)")
        let writes = (0..<1_000).map { [bytes("HSET"), key, bytes("f\($0)"), bytes("v\($0)")] }
        let reads = (0..<1_000).map { [bytes("HGET"), key, bytes("f\($0)")] }
        var answered: [Int] = []
        var replies: [RedisReply] = []
        try connection.pipeline(writes + reads, window: window) { index, reply in
            answered.append(index)
            replies.append(reply)
        }
        #expect(answered == Array(0..<2_000))
        #expect(replies[..<1_000].allSatisfy { $0 == .integer(1) })
        #expect(replies[1_000...].enumerated().allSatisfy { $0.element == .string(bytes("v\($0.offset)")) })
    }

    @Test func errorRepliesInAPipelineStayInTheirPlace() throws {
        let key = "\(prefix):pipeline"
        let replies = try connection.pipeline([
            ["SET", key, "1"], ["LPUSH", key, "x"], ["INCR", key],
        ].map { $0.map(bytes) })
        #expect(replies.count == 3)
        #expect(replies[0] == .status("OK"))
        guard case .error(let message) = replies[1] else {
            Issue.record("LPUSH on a string answered \(replies[1])")
            return
        }
        #expect(message.hasPrefix("WRONGTYPE"))
        #expect(replies[2] == .integer(2))
        #expect(try connection.pipeline([]) == [])
    }

    @Test func errorReplyThrowsAndLeavesTheConnectionUsable() throws {
        let key = "\(prefix):string"
        try connection.command("SET", key, "v")
        let error = #expect(throws: RedisError.self) { try connection.command("LPUSH", key, "x") }
        #expect(error?.kind == .server)
        #expect(error?.message.contains("LPUSH failed: WRONGTYPE") == true, "\(error?.message ?? "")")
        #expect(error?.message.hasPrefix(server.url.description) == true)
        #expect(!connection.isBroken)
        #expect(try connection.command("GET", key) == .string(bytes("v")))
    }

    @Test func scanReturnsEveryMatchingKeyOnce() throws {
        let keys = (0..<5_000).map { "\(prefix):scan:\($0)" }
        _ = try connection.pipeline(keys.map { ["SET", $0, "1"].map(bytes) })
        _ = try connection.pipeline((0..<50).map { ["SET", "\(prefix):other:\($0)", "1"].map(bytes) })
        let found = try connection.scan(match: "\(prefix):scan:*", count: 100)
        #expect(found.count == 5_000)
        #expect(Set(found) == Set(keys.map(bytes)))
        #expect(try connection.scan(match: "\(prefix):nothing:*").isEmpty)
    }

    @Test func selectsTheDatabaseOfTheURL() throws {
        var url = server.url
        url.database = 3
        let onThree = try RedisConnection(url: url)
        let key = "\(prefix):db"
        try onThree.command("SET", key, "three")
        #expect(try onThree.command("GET", key) == .string(bytes("three")))
        #expect(try connection.command("GET", key) == .null)
    }

    @Test func aDatabaseTheServerLacksIsReported() throws {
        var url = server.url
        url.database = 99
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        #expect(error?.kind == .server)
        #expect(error?.message.contains("cannot select database 99") == true, "\(error?.message ?? "")")
    }

    @Test func aPasswordForAServerWithoutOneIsReported() throws {
        var url = server.url
        url.password = "hunter2"
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        #expect(error?.kind == .authentication)
        #expect(error?.message.contains("no password set") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test func commandTimeoutGivesTimeoutAndBreaksTheConnection() throws {
        let slow = try server.connect(commandTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        // BLPOP blocks only this client for 5 s (DEBUG SLEEP would stall the shared server).
        let error = #expect(throws: RedisError.self) { try slow.command("BLPOP", "\(prefix):never", "5") }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("no reply within 300ms") == true, "\(error?.message ?? "")")
        #expect(slow.isBroken)
        let later = #expect(throws: RedisError.self) { try slow.command("PING") }
        #expect(later?.kind == .connection)
        #expect(later?.message.contains("closed by an earlier error") == true, "\(later?.message ?? "")")
    }
}
