/// How a `rediss://` connection does TLS, with redis-py's names for the URL's query:
/// `ssl_ca_certs` (a PEM file of trusted certificates; default: the system's),
/// `ssl_certfile` and `ssl_keyfile` (a client certificate, for mutual TLS) and
/// `ssl_cert_reqs=none` (no certificate checks at all: an explicit opt-out).
public struct RedisTLSOptions: Hashable, Sendable {
    public var caCertificates: String?
    public var certificateFile: String?
    public var keyFile: String?
    /// False only with `ssl_cert_reqs=none`; then neither the chain nor the name is checked.
    public var verifiesCertificates: Bool

    public init(caCertificates: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, verifiesCertificates: Bool = true) {
        self.caCertificates = caCertificates
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.verifiesCertificates = verifiesCertificates
    }

    /// The query as it would be written (paths and the opt-out; nothing secret).
    var query: [String] {
        var items: [String] = []
        if let caCertificates { items.append("ssl_ca_certs=\(percentEncoded(caCertificates, keeping: pathCharacters))") }
        if let certificateFile { items.append("ssl_certfile=\(percentEncoded(certificateFile, keeping: pathCharacters))") }
        if let keyFile { items.append("ssl_keyfile=\(percentEncoded(keyFile, keeping: pathCharacters))") }
        if !verifiesCertificates { items.append("ssl_cert_reqs=none") }
        return items
    }
}
