import CodeModeCore
import Foundation
import Testing
import TestSupport

/// The commands over TLS, end to end, against a TLS-only redis-server that wants a client
/// certificate.
@Suite("codemode over TLS")
struct TLSCommandTests {
    @Test func storeSyncAndSessionsWorkOverMutualTLS() throws {
        let certificates = try TestCertificates()
        let server = try RedisServer(tls: TLSFiles(certificates, requireClientCertificate: true))
        guard case .tcp(_, let port) = server.url.endpoint else { Issue.record("not TCP"); return }
        let target = "\(server.url)"
        #expect(target.hasPrefix("rediss://127.0.0.1:\(port)?ssl_ca_certs="))

        let library = try GitFixture()
        try library.write("skills/greet.py", "\"\"\"Greets.\"\"\"\n\n\nasync def run(name: str) -> str:\n    return 'hi ' + name\n")
        // The environment keeps its TLS files beside the library, as relative paths.
        for file in ["ca.pem", "client.pem", "client.key"] {
            try FileManager.default.copyItem(atPath: certificates.path(file), toPath: library.url("tls-\(file)").path)
        }
        try library.write("codemode.yaml", """
            environments:
              prod:
                url: rediss://localhost:\(port)/0
                prefix: agents
                tls: {ssl_ca_certs: tls-ca.pem, ssl_certfile: tls-client.pem, ssl_keyfile: tls-client.key}

            """)
        try library.commitAll("library")

        let bootstrap = try library.codemode("store", "bootstrap", "--source", ".", "--target", target, "--prefix", "store")
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        let diff = try library.codemode("store", "diff", "--source", ".", "--target", target, "--prefix", "store", "--exit-code")
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        let pulled = try TemporaryDirectory("tls-pull")
        let pull = try library.codemode("store", "pull", "--dest", pulled.path, "--target", target, "--prefix", "store")
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(try pulled.read("greet.py").contains("return 'hi ' + name"))

        let push = try library.codemode("push", "prod")
        #expect(push.status == 0, "\(push.stderr)")
        let status = try library.codemode("status", "prod", "--exit-code")
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")

        let session = try library.codemode("run", "--env", "prod", "skills.greet(name='tls')")
        #expect(session.stdout == "hi tls\n", "\(session.stderr)")
    }

    @Test func anUntrustedServerIsOneLineNamingTheHost() throws {
        let certificates = try TestCertificates()
        let server = try RedisServer(tls: TLSFiles(certificates))
        guard case .tcp(_, let port) = server.url.endpoint else { Issue.record("not TCP"); return }
        let folder = try TemporaryDirectory("tls-untrusted")
        let result = try ProcessRunner.codemode(["store", "list", "--target", "rediss://127.0.0.1:\(port)"], in: folder.url)
        #expect(result.status == 69)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("codemode: rediss://127.0.0.1:\(port): the server's certificate is not trusted"), "\(result.stderr)")
    }
}
