#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import COpenSSL

/// TLS over a socket, with OpenSSL: the server's certificate checked against the system's CA
/// store (or `ssl_ca_certs`) and its name against the host (SNI sent), an optional client
/// certificate, and reads and writes that keep the socket's command timeout.
final class TLSStream: RedisStream {
    private let socket: SocketStream
    private let context: OpaquePointer
    private let ssl: OpaquePointer

    private init(socket: SocketStream, context: OpaquePointer, ssl: OpaquePointer) {
        self.socket = socket
        self.context = context
        self.ssl = ssl
    }

    deinit { close() }

    /// Performs the handshake on a connected socket.
    /// The handshake may take `handshakeTimeout` (the connect timeout); the socket's timeouts
    /// are the command timeout again afterwards.
    static func start(on socket: SocketStream, host: String, options: RedisTLSOptions,
                      handshakeTimeout: Duration, commandTimeout: Duration) throws(TLSFailure) -> TLSStream {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .setUp(lastError()) }
        do {
            try configure(context, options)
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw .setUp(lastError())
        }
        let stream = TLSStream(socket: socket, context: context, ssl: ssl)
        SSL_set_fd(ssl, socket.fd)
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        if !isAddress { _ = codemode_SSL_set_tlsext_host_name(ssl, host) }
        if options.verifiesCertificates {
            // The certificate must name this host (or address).
            if isAddress {
                X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host)
            } else {
                SSL_set1_host(ssl, host)
            }
        }
        ERR_clear_error()
        socket.setTimeout(handshakeTimeout)
        guard SSL_connect(ssl) == 1 else {
            let code = errno
            let verification = SSL_get_verify_result(ssl)
            if verification != X509_V_OK {
                throw .certificate(Int32(verification), String(cString: X509_verify_cert_error_string(verification)))
            }
            // A plain Redis server waits for the end of a line that a TLS hello never sends.
            if ERR_peek_last_error() == 0 && (code == EAGAIN || code == EWOULDBLOCK) { throw .noAnswer(handshakeTimeout) }
            throw handshakeFailure(ssl)
        }
        socket.setTimeout(commandTimeout)
        return stream
    }

    private static func configure(_ context: OpaquePointer, _ options: RedisTLSOptions) throws(TLSFailure) {
        _ = codemode_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        if options.verifiesCertificates {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            let loaded = options.caCertificates.map { SSL_CTX_load_verify_locations(context, $0, nil) } ?? SSL_CTX_set_default_verify_paths(context)
            guard loaded == 1 else { throw .file("ssl_ca_certs", options.caCertificates ?? "the system's CA store", lastError()) }
        } else {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        if let certificate = options.certificateFile, let key = options.keyFile {
            guard SSL_CTX_use_certificate_chain_file(context, certificate) == 1 else { throw .file("ssl_certfile", certificate, lastError()) }
            guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else { throw .file("ssl_keyfile", key, lastError()) }
            guard SSL_CTX_check_private_key(context) == 1 else { throw .file("ssl_keyfile", key, "it does not match the certificate in ssl_certfile") }
        }
    }

    private static func handshakeFailure(_ ssl: OpaquePointer) -> TLSFailure {
        let code = ERR_peek_last_error()
        let reason = lastError()
        if code == 0 {
            // The peer closed or reset the connection in the middle of the handshake.
            return .peerClosed
        }
        return .handshake(reason)
    }

    /// The newest error on OpenSSL's queue, as its reason text, clearing the queue.
    static func lastError() -> String {
        let code = ERR_peek_last_error()
        defer { ERR_clear_error() }
        guard code != 0, let reason = ERR_reason_error_string(code) else { return "unknown error" }
        return String(cString: reason)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(StreamFailure) {
        var offset = 0
        while offset < bytes.count {
            let chunk = Int32(min(bytes.count - offset, Int(Int32.max)))
            let written = SSL_write(ssl, bytes.baseAddress! + offset, chunk)
            if written > 0 {
                offset += Int(written)
                continue
            }
            throw failure(of: written)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StreamFailure) -> Int {
        let count = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        if count > 0 { return Int(count) }
        throw failure(of: count)
    }

    private func failure(of result: Int32) -> StreamFailure {
        let code = errno
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_ZERO_RETURN: return .closed
        case SSL_ERROR_SYSCALL: return result == 0 || code == 0 ? .closed : SocketStream.failure(code)
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return .timedOut
        default: return .tls(Self.lastError())
        }
    }

    private var isClosed = false

    func close() {
        guard !isClosed else { return }
        isClosed = true
        SSL_free(ssl)
        SSL_CTX_free(context)
        socket.close()
    }
}

/// Why TLS could not be set up; the connection turns each into a sentence naming the host.
enum TLSFailure: Error {
    /// A certificate or key file could not be used: the option, the file, OpenSSL's reason.
    case file(String, String, String)
    case setUp(String)
    /// The server's certificate failed verification: X509_V_ERR_* and its text.
    case certificate(Int32, String)
    case handshake(String)
    /// The server hung up during the handshake.
    case peerClosed
    /// No TLS answer within the connect timeout.
    case noAnswer(Duration)
}
