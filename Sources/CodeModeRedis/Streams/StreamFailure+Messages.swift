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
        }
    }
}

/// `2s`, `300ms`: whole seconds when exact, milliseconds otherwise.
private func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    if attoseconds == 0 { return "\(seconds)s" }
    return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
}
