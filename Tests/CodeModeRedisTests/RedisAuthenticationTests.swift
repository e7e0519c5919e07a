import CodeModeRedis
import Testing
import TestSupport

/// Needs percent-encoding in a URL: ':', '@', '/' and '%'.
private let serverPassword = "s3cret:p@ss/w%rd"

@Suite(.sharedRedisServer(password: serverPassword))
struct RedisAuthenticationTests {
    let server: RedisServer

    init() throws {
        server = try SharedRedisServer.server()
    }

    private var port: Int {
        guard case .tcp(_, let port) = server.url.endpoint else { return 0 }
        return port
    }

    @Test func theRightPasswordLogsIn() throws {
        #expect(try server.connect().command("PING") == .status("PONG"))
        let text = "redis://:s3cret%3Ap%40ss%2Fw%25rd@127.0.0.1:\(port)/1"
        let connection = try RedisConnection(url: try RedisURL(parsing: text))
        #expect(try connection.command("PING") == .status("PONG"))
    }

    @Test func aWrongPasswordIsAnAuthenticationError() throws {
        var url = server.url
        url.password = "wrong-guess"
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        #expect(error?.kind == .authentication)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("redis://:***@127.0.0.1:\(port): logging in as the default user failed"), "\(message)")
        #expect(message.contains("check the user name and password"))
        #expect(!message.contains("wrong-guess") && !message.contains(serverPassword))
    }

    @Test func noPasswordIsAnAuthenticationErrorWithAHint() throws {
        var url = server.url
        url.password = nil
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        #expect(error?.kind == .authentication)
        let message = error?.message ?? ""
        #expect(message.contains("requires a password") && message.contains("redis://:PASSWORD@"), "\(message)")
        #expect(!message.contains(serverPassword))
    }

    @Test func anACLUserLogsInWithNameAndPassword() throws {
        let user = server.uniquePrefix("alice")
        try server.connect().command("ACL", "SETUSER", user, "on", ">alice-pw", "~*", "+@all")
        let url = try RedisURL(parsing: "redis://\(user):alice-pw@127.0.0.1:\(port)")
        #expect(try RedisConnection(url: url).command("ACL", "WHOAMI") == .string(bytes(user)))

        var wrong = url
        wrong.password = "not-alice-pw"
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: wrong) }
        #expect(error?.kind == .authentication)
        let message = error?.message ?? ""
        #expect(message.contains("logging in as user '\(user)' failed"), "\(message)")
        #expect(!message.contains("alice-pw"))
    }
}
