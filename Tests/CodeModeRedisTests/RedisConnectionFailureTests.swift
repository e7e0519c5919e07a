import CodeModeRedis
import Testing
import TestSupport

@Suite struct RedisConnectionFailureTests {
    @Test func aClosedPortIsRefusedQuickly() throws {
        let closed = try Listener(backlog: nil)
        let port = closed.port
        let url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: port), password: "hunter2")
        let started = ContinuousClock.now
        let error = withExtendedLifetime(closed) {
            #expect(throws: RedisError.self) { try RedisConnection(url: url, connectTimeout: .seconds(1)) }
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(error?.kind == .connection)
        #expect(error?.message == "redis://:***@127.0.0.1:\(port): connection refused — is redis-server running?")
    }

    @Test func anUnansweredConnectStopsAtTheConnectTimeout() throws {
        let silent = try SilentListener()
        let url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: silent.port))
        let started = ContinuousClock.now
        let error = withExtendedLifetime(silent) {
            #expect(throws: RedisError.self) { try RedisConnection(url: url, connectTimeout: .milliseconds(500)) }
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(400) && elapsed < .seconds(2), "\(elapsed)")
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("127.0.0.1:\(silent.port): no answer within 500ms") == true, "\(error?.message ?? "")")
    }

    @Test func aMissingSocketFileIsNamed() throws {
        let url = try RedisURL(parsing: "unix:///nonexistent-codemode/redis.sock")
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("no socket file at /nonexistent-codemode/redis.sock") == true, "\(error?.message ?? "")")
    }

    @Test func aPeerThatIsNotRedisIsAProtocolViolation() throws {
        let peer = try HTTPLookalike()
        let url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: peer.port))
        let error = withExtendedLifetime(peer) {
            #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        }
        #expect(error?.kind == .protocolViolation)
        #expect(error?.message.contains("is this address really a Redis server?") == true, "\(error?.message ?? "")")
    }

    @Test func aServerThatGoesAwayBreaksTheConnection() throws {
        var server: RedisServer? = try RedisServer()
        let connection = try #require(server).connect()
        #expect(try connection.command("PING") == .status("PONG"))
        server = nil
        let error = #expect(throws: RedisError.self) { try connection.command("PING") }
        #expect(error?.kind == .connection)
        #expect(connection.isBroken)
    }
}
