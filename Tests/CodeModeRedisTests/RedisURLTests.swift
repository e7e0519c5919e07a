import CodeModeRedis
import Testing

struct ParseCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: RedisURL
    var testDescription: String { text }
}

struct BadURLCase: Sendable, CustomTestStringConvertible {
    var text: String
    var messageContains: String
    var testDescription: String { text }
}

@Suite struct RedisURLTests {
    static let good: [ParseCase] = [
        .init(text: "redis://localhost", expected: .init(endpoint: .tcp(host: "localhost", port: 6379))),
        .init(text: "redis://", expected: .init(endpoint: .tcp(host: "localhost", port: 6379))),
        .init(text: "redis://127.0.0.1:7000", expected: .init(endpoint: .tcp(host: "127.0.0.1", port: 7000))),
        .init(text: "redis://cache.example.com:6380/2",
              expected: .init(endpoint: .tcp(host: "cache.example.com", port: 6380), database: 2)),
        .init(text: "redis://host/", expected: .init(endpoint: .tcp(host: "host", port: 6379))),
        .init(text: "redis://host?db=4", expected: .init(endpoint: .tcp(host: "host", port: 6379), database: 4)),
        .init(text: "REDIS://Host:1", expected: .init(endpoint: .tcp(host: "Host", port: 1))),
        .init(text: "  redis://host:65535\n", expected: .init(endpoint: .tcp(host: "host", port: 65535))),
        .init(text: "redis://[::1]:6380", expected: .init(endpoint: .tcp(host: "::1", port: 6380))),
        .init(text: "redis://[fe80::1:2]/1", expected: .init(endpoint: .tcp(host: "fe80::1:2", port: 6379), database: 1)),
        .init(text: "redis://:s3cret@host", expected: .init(endpoint: .tcp(host: "host", port: 6379), password: "s3cret")),
        .init(text: "redis://alice:p%40ss@host:6379/3",
              expected: .init(endpoint: .tcp(host: "host", port: 6379), database: 3, username: "alice", password: "p@ss")),
        .init(text: "redis://alice:p@ss@host",
              expected: .init(endpoint: .tcp(host: "host", port: 6379), username: "alice", password: "p@ss")),
        .init(text: "redis://a%3Ab:x%2Fy%3F%23z%25@host",
              expected: .init(endpoint: .tcp(host: "host", port: 6379), username: "a:b", password: "x/y?#z%")),
        .init(text: "redis://default:pw@host",
              expected: .init(endpoint: .tcp(host: "host", port: 6379), username: "default", password: "pw")),
        .init(text: "unix:///tmp/redis.sock", expected: .init(endpoint: .unix(path: "/tmp/redis.sock"))),
        .init(text: "unix:///tmp/redis.sock?db=2", expected: .init(endpoint: .unix(path: "/tmp/redis.sock"), database: 2)),
        .init(text: "unix://:pw@/var/run/redis.sock", expected: .init(endpoint: .unix(path: "/var/run/redis.sock"), password: "pw")),
        .init(text: "unix://alice:pw@/tmp/my%20redis.sock?db=1",
              expected: .init(endpoint: .unix(path: "/tmp/my redis.sock"), database: 1, username: "alice", password: "pw")),
        .init(text: "unix:///tmp/a@b.sock", expected: .init(endpoint: .unix(path: "/tmp/a@b.sock"))),
    ]

    @Test(arguments: good)
    func parsesGoodURLs(_ example: ParseCase) throws {
        #expect(try RedisURL(parsing: example.text) == example.expected)
    }

    @Test func tlsURLsKeepTheirOptionsAndPrintThemBack() throws {
        let url = try RedisURL(parsing: "rediss://:secret@cache.example.com:6380/2?ssl_ca_certs=/etc/ca%20files/ca.pem&ssl_certfile=/c.pem&ssl_keyfile=/k.pem")
        #expect(url.endpoint == .tcp(host: "cache.example.com", port: 6380))
        #expect(url.database == 2)
        #expect(url.tls == RedisTLSOptions(caCertificates: "/etc/ca files/ca.pem", certificateFile: "/c.pem", keyFile: "/k.pem"))
        #expect("\(url)" == "rediss://:***@cache.example.com:6380/2?ssl_ca_certs=/etc/ca%20files/ca.pem&ssl_certfile=/c.pem&ssl_keyfile=/k.pem")
        let unchecked = try RedisURL(parsing: "rediss://host?ssl_cert_reqs=none")
        #expect(unchecked.tls?.verifiesCertificates == false)
        #expect(try RedisURL(parsing: "\(unchecked)") == unchecked)
        #expect(try RedisURL(parsing: "rediss://host").tls == RedisTLSOptions())
        #expect(try RedisURL(parsing: "redis://host").tls == nil)
    }

    static let bad: [BadURLCase] = [
        .init(text: "localhost:6379", messageContains: "no scheme"),
        .init(text: "", messageContains: "no scheme"),
        .init(text: "http://localhost", messageContains: "unsupported scheme 'http://' — supported: redis://, rediss:// (TLS), unix://"),
        .init(text: "redis://host?ssl_ca_certs=/ca.pem", messageContains: "ssl_ca_certs is a TLS option — use rediss:// for TLS"),
        .init(text: "rediss://host?ssl_cert_reqs=maybe", messageContains: "ssl_cert_reqs takes required (the default) or none"),
        .init(text: "rediss://host?ssl_certfile=/c.pem", messageContains: "a client certificate needs both ssl_certfile and ssl_keyfile"),
        .init(text: "rediss://host?ssl_ca_certs=", messageContains: "ssl_ca_certs needs a file path"),
        .init(text: "redis://host:abc", messageContains: "the port must be a number"),
        .init(text: "redis://host:", messageContains: "missing port"),
        .init(text: "redis://host:0", messageContains: "port 0 is out of range"),
        .init(text: "redis://host:65536", messageContains: "port 65536 is out of range"),
        .init(text: "redis://host/abc", messageContains: "the database must be a number"),
        .init(text: "redis://host/1/2", messageContains: "the database must be a number"),
        .init(text: "redis://host/-1", messageContains: "the database must be a number"),
        .init(text: "redis://host/99999999999", messageContains: "database 99999999999 is out of range"),
        .init(text: "redis://host?db=x", messageContains: "the database must be a number"),
        .init(text: "redis://host/1?db=2", messageContains: "given twice"),
        .init(text: "redis://host?timeout=3", messageContains: "unsupported query parameter"),
        .init(text: "redis://::1:6379", messageContains: "brackets"),
        .init(text: "redis://[::1", messageContains: "missing ']'"),
        .init(text: "redis://[host]:1", messageContains: "IPv6 address"),
        .init(text: "redis://ho st", messageContains: "host 'ho st' has characters not allowed"),
        .init(text: "redis://alice@host", messageContains: "a user name needs a password"),
        .init(text: "redis://:p%zz@host", messageContains: "bad percent-encoding in the password"),
        .init(text: "redis://host#x", messageContains: "'#' is not allowed"),
        .init(text: "unix://tmp/redis.sock", messageContains: "three slashes"),
        .init(text: "unix://", messageContains: "missing socket path"),
        .init(text: "unix:///tmp/redis.sock?password=x", messageContains: "credentials go before the host"),
    ]

    @Test(arguments: bad)
    func rejectsBadURLs(_ example: BadURLCase) {
        #expect {
            try RedisURL(parsing: example.text)
        } throws: { error in
            let error = error as? RedisError
            return error?.kind == .invalidURL && error?.message.contains(example.messageContains) == true
        }
    }

    /// A password written wrongly must not show up in the error that says so.
    @Test(arguments: [
        "redis://:hunter2/x@host", "redis://:hunter2?x@host", "redis://:hunter2#x@host",
        "redis://:hunter2", "redis://hunter2@host", "redis://:hunter2@host:bad", "redis://:hunter2@host/bad",
        "redis://:hunter2@host?password=hunter2", "redis://:hunter2@host?hunter2=1", "rediss://:hunter2@host?hunter2=1",
        "http://:hunter2@host", "unix://:hunter2/x@/tmp/redis.sock", "hunter2",
    ])
    func parseErrorsNeverShowThePassword(_ text: String) {
        let error = #expect(throws: RedisError.self) { try RedisURL(parsing: text) }
        #expect(error?.message.contains("hunter2") == false, "\(error?.message ?? "")")
    }

    @Test func descriptionHidesThePassword() throws {
        let url = try RedisURL(parsing: "redis://alice:hunter2@cache.example.com:6380/2")
        #expect(url.description == "redis://alice:***@cache.example.com:6380/2")
        var dumped = ""
        dump(url, to: &dumped)
        for shown in ["\(url)", String(reflecting: url), url.debugDescription, dumped] {
            #expect(!shown.contains("hunter2"), "\(shown)")
        }
        let passwordOnly = try RedisURL(parsing: "unix://:hunter2@/tmp/r.sock?db=3")
        #expect(passwordOnly.description == "unix://:***@/tmp/r.sock?db=3")
    }

    @Test(arguments: [
        "redis://localhost:6379", "redis://h:1/9", "redis://[::1]:6380/1",
        "unix:///tmp/redis.sock", "unix:///tmp/my%20r%3F%40.sock?db=2",
    ])
    func descriptionParsesBackWithoutCredentials(_ text: String) throws {
        let url = try RedisURL(parsing: text)
        #expect(try RedisURL(parsing: url.description) == url)
    }
}
