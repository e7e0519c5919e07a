import CodeModeRedis
import Foundation
import Testing
import TestSupport

/// Real `redis-server`s on TLS ports, with certificates the tests make.
@Suite("Redis over TLS")
struct TLSTests {
    let certificates: TestCertificates

    init() throws {
        certificates = try TestCertificates()
    }

    func url(_ server: RedisServer, _ change: (inout RedisTLSOptions) -> Void = { _ in }) -> RedisURL {
        var url = server.url
        if url.tls != nil { change(&url.tls!) }
        return url
    }

    @Test func commandsPipelinesAndLargeValuesCrossTLS() throws {
        let server = try RedisServer(tls: TLSFiles(certificates))
        #expect("\(server.url)".hasPrefix("rediss://127.0.0.1:"))
        let connection = try RedisConnection(url: server.url)
        let large = [UInt8](repeating: 0x61, count: 3_000_000) + [0, 0xFF]
        try connection.command([Array("SET".utf8), Array("big".utf8), large])
        #expect(try connection.command("GET", "big") == .string(large))
        let replies = try connection.pipeline((0..<2000).map { _ in [Array("INCR".utf8), Array("counter".utf8)] })
        #expect(replies.last == RedisReply.integer(2000))
    }

    @Test func theHostNameIsCheckedAndSentAsSNI() throws {
        let server = try RedisServer(tls: TLSFiles(certificates))
        guard case .tcp(_, let port) = server.url.endpoint else { Issue.record("not TCP"); return }
        var byName = server.url
        byName.endpoint = .tcp(host: "localhost", port: port)
        #expect(try RedisConnection(url: byName).command("PING") == .status("PONG"))
    }

    @Test func untrustedMismatchedAndExpiredCertificatesAreRefused() throws {
        let server = try RedisServer(tls: TLSFiles(certificates))
        let untrusted = #expect(throws: RedisError.self) { try RedisConnection(url: url(server) { $0.caCertificates = nil }) }
        #expect(untrusted?.message.contains("127.0.0.1") == true)
        #expect(untrusted?.message.contains("the server's certificate is not trusted") == true, "\(untrusted?.message ?? "")")
        #expect(untrusted?.message.contains("pass the CA that signed it as ?ssl_ca_certs=") == true)

        let other = try RedisServer(tls: TLSFiles(certificates, serverCertificate: "other"))
        let mismatch = #expect(throws: RedisError.self) { try RedisConnection(url: other.url) }
        #expect(mismatch?.message.contains("the server's certificate is not for this host") == true, "\(mismatch?.message ?? "")")

        let expired = try RedisServer(tls: TLSFiles(certificates, serverCertificate: "expired"))
        let stale = #expect(throws: RedisError.self) { try RedisConnection(url: expired.url) }
        #expect(stale?.message.contains("the server's certificate has expired") == true, "\(stale?.message ?? "")")

        // The explicit opt-out connects anyway.
        #expect(try RedisConnection(url: url(expired) { $0.verifiesCertificates = false }).command("PING") == .status("PONG"))
    }

    @Test func plainAndTLSPortsMixedUpSaySo() throws {
        let tlsServer = try RedisServer(tls: TLSFiles(certificates))
        var plainURL = tlsServer.url
        plainURL.tls = nil
        let toTLS = #expect(throws: RedisError.self) { try RedisConnection(url: plainURL) }
        #expect(toTLS?.message.hasSuffix("if it expects TLS, use rediss://") == true, "\(toTLS?.message ?? "")")

        let plainServer = try RedisServer()
        var tlsURL = plainServer.url
        tlsURL.tls = RedisTLSOptions(caCertificates: certificates.path("ca.pem"))
        let toPlain = #expect(throws: RedisError.self) { try RedisConnection(url: tlsURL) }
        #expect(toPlain?.message.contains("does not speak TLS on this port") == true, "\(toPlain?.message ?? "")")
    }

    @Test func mutualTLSNeedsTheClientCertificate() throws {
        let server = try RedisServer(tls: TLSFiles(certificates, requireClientCertificate: true))
        #expect(try RedisConnection(url: server.url).command("PING") == .status("PONG"))
        let anonymous = #expect(throws: RedisError.self) {
            try RedisConnection(url: url(server) { $0.certificateFile = nil; $0.keyFile = nil })
        }
        #expect(anonymous?.message.contains("client certificate") == true, "\(anonymous?.message ?? "")")
    }

    @Test func aMissingCAFileIsNamed() throws {
        let server = try RedisServer(tls: TLSFiles(certificates))
        let missing = #expect(throws: RedisError.self) { try RedisConnection(url: url(server) { $0.caCertificates = "/nonexistent/ca.pem" }) }
        #expect(missing?.message.contains("ssl_ca_certs /nonexistent/ca.pem cannot be used") == true, "\(missing?.message ?? "")")
    }
}
