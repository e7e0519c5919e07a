import CodeModeStorage
import Foundation

/// Certificates for TLS tests, made with the `openssl` command in a temporary folder: a CA, a
/// server certificate for localhost and 127.0.0.1, a client certificate, a server certificate
/// for another host, and an expired one — all signed by the CA.
public final class TestCertificates: Sendable {
    public let folder: TemporaryDirectory

    public init() throws {
        folder = try TemporaryDirectory("certificates")
        try folder.write("server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
        try folder.write("other.ext", "subjectAltName=DNS:other.example\n")
        try folder.write("index.txt", "")
        try folder.write("serial", "1000\n")
        try folder.write("ca.cnf", """
            [ ca ]
            default_ca = test
            [ test ]
            database = index.txt
            new_certs_dir = .
            serial = serial
            default_md = sha256
            policy = any
            unique_subject = no
            [ any ]
            commonName = supplied

            """)
        try run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=CodeMode Test CA")
        for (name, subject) in [("server", "/CN=localhost"), ("client", "/CN=codemode-client"), ("other", "/CN=other.example"), ("expired", "/CN=localhost")] {
            try run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject)
        }
        try run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "30", "-extfile", "server.ext")
        try run("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "30")
        try run("x509", "-req", "-in", "other.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "other.pem", "-days", "30", "-extfile", "other.ext")
        try run("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "expired.csr", "-out", "expired.pem",
                "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-extfile", "server.ext", "-notext")
    }

    /// The path of a file made here: `ca.pem`, `server.pem`, `server.key`, `client.pem`, ...
    public func path(_ name: String) -> String {
        folder.url.appendingPathComponent(name).path
    }

    private func run(_ arguments: String...) throws {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/openssl"), arguments, in: folder.url)
        guard result.status == 0 else {
            throw LocalRedisServerError("openssl \(arguments.first ?? "") failed: \(result.stderr.prefix(500))")
        }
    }
}
