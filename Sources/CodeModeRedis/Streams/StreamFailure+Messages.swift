#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the connection was doing when its stream failed; the same failure means different
/// things (and needs different advice) while connecting and while talking.
enum ConnectionStage {
    case connecting(timeout: Duration)
    case talking(commandTimeout: Duration)
}

extension StreamFailure {
    /// An error kind and a sentence that says what happened and what to do; it goes after the URL.
    func describe(at url: RedisURL, while stage: ConnectionStage) -> (RedisError.Kind, String) {
        switch (stage, self) {
        case (.connecting, .refused):
            if case .unix = url.endpoint {
                return (.connection, "connection refused: no server is listening on the socket — is redis-server running?")
            }
            return (.connection, "connection refused — is redis-server running?")
        case (.connecting(let timeout), .timedOut):
            return (.connection, "no answer within \(format(timeout)) (the connect timeout) — is the host reachable and the port open?")
        case (.connecting, .noSocketFile):
            guard case .unix(let path) = url.endpoint else { break }
            return (.connection, "no socket file at \(path) — is redis-server running with `unixsocket \(path)`?")
        case (.connecting, .permissionDenied):
            return (.connection, "permission denied on the socket file — check its permissions (redis-server's unixsocketperm)")
        case (.connecting, .lookup(let reason)):
            guard case .tcp(let host, _) = url.endpoint else { break }
            return (.connection, "cannot connect to '\(host)' (\(reason)) — check the host name")
        case (.talking(let commandTimeout), .timedOut):
            return (.timeout, "no reply within \(format(commandTimeout)) (the command timeout); the connection is closed"
                + " — reconnect, and raise the timeout if the command is expected to be slow")
        case (.talking, .closed):
            return (.connection, "the server closed the connection — reconnect and retry")
        case (_, .tls(let reason)) where reason.contains("certificate required"):
            return (.connection, "the server requires a client certificate (\(reason)) — pass ssl_certfile and ssl_keyfile in the URL")
        case (_, .tls(let reason)):
            return (.connection, "TLS failed (\(reason)) — reconnect, and check the server's TLS settings")
        default:
            break
        }
        switch stage {
        case .connecting: return (.connection, "cannot connect (\(reason))")
        case .talking: return (.connection, "connection lost (\(reason)) — reconnect and retry")
        }
    }

    private var reason: String {
        switch self {
        case .refused: String(cString: strerror(ECONNREFUSED))
        case .timedOut: String(cString: strerror(ETIMEDOUT))
        case .noSocketFile: String(cString: strerror(ENOENT))
        case .permissionDenied: String(cString: strerror(EACCES))
        case .lookup(let reason): reason
        case .closed: "connection closed by the server"
        case .system(let code): String(cString: strerror(code))
        case .tls(let reason): reason
        }
    }
}

/// `2s`, `300ms`: whole seconds when exact, milliseconds otherwise.
private func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    if attoseconds == 0 { return "\(seconds)s" }
    return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
}

extension TLSFailure {
    /// A sentence that says what is wrong with the TLS set-up and what to do; it goes after the URL.
    var sentence: String {
        switch self {
        case .file(let option, let file, let reason):
            return "\(option) \(file) cannot be used (\(reason)) — check the path and that it holds PEM"
        case .setUp(let reason):
            return "TLS could not be set up (\(reason))"
        case .certificate(let code, let text):
            switch code {
            case 10:  // X509_V_ERR_CERT_HAS_EXPIRED
                return "the server's certificate has expired (\(text)) — renew it on the server"
            case 9:  // X509_V_ERR_CERT_NOT_YET_VALID
                return "the server's certificate is not valid yet (\(text)) — check the clocks"
            case 62, 64:  // X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
                return "the server's certificate is not for this host (\(text)) — connect with a name the certificate lists"
            case 18, 19, 20, 21, 2:  // self-signed, self-signed in chain, unknown issuer (local, leaf), unknown issuer
                return "the server's certificate is not trusted (\(text)) — pass the CA that signed it as ?ssl_ca_certs=/path/to/ca.pem"
            default:
                return "the server's certificate was refused (\(text))"
            }
        case .handshake(let reason):
            if reason.contains("wrong version number") || reason.contains("packet length too long") || reason.contains("record layer failure") {
                return "the server does not speak TLS on this port (\(reason)) — use redis:// for it, or its TLS port"
            }
            return "the TLS handshake failed (\(reason))"
        case .peerClosed:
            return "the server closed the connection during the TLS handshake — is this its TLS port?"
        case .noAnswer(let timeout):
            return "no TLS answer within \(format(timeout)) (the connect timeout): the server does not speak TLS on this port? — use redis:// for it, or its TLS port"
        }
    }
}
