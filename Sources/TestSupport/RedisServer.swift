import CodeModeStorage
import Synchronization

/// The tests' redis-server: CodeMode's own local server. Start one per suite and give each
/// test its own key prefix (`uniquePrefix`); never `FLUSHALL` it.
public typealias RedisServer = LocalRedisServer

/// The files of a TLS-only test server.
public typealias TLSFiles = LocalRedisServer.TLS

extension LocalRedisServer {
    /// A key prefix no other caller gets, e.g. `t-7`; keys go below it as `t-7:skills`.
    public func uniquePrefix(_ label: String = "t") -> String {
        "\(label)-\(prefixesIssued.withLock { issued in issued += 1; return issued })"
    }
}

private let prefixesIssued = Mutex(0)

extension LocalRedisServer.TLS {
    /// The server certificate `name` (`server`, `other`, `expired`) of `certificates`.
    public init(_ certificates: TestCertificates, serverCertificate name: String = "server", requireClientCertificate: Bool = false) {
        self.init(certificate: certificates.path("\(name).pem"), key: certificates.path("\(name).key"), caFile: certificates.path("ca.pem"),
                  requireClientCertificate: requireClientCertificate,
                  clientCertificate: requireClientCertificate ? certificates.path("client.pem") : nil,
                  clientKey: requireClientCertificate ? certificates.path("client.key") : nil)
    }
}
