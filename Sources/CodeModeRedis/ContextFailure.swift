#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CHiredis

/// What the connection was doing when hiredis failed; the same `errstr` means different
/// things (and needs different advice) while connecting and while talking.
enum ConnectionStage {
    case connecting(timeout: Duration)
    case talking(commandTimeout: Duration)
}

/// Turns a dead hiredis context (`err` and `errstr`) into an error kind and a sentence that
/// says what happened and what to do. The sentence goes after the URL.
func describeFailure(of context: redisContext, at url: RedisURL, while stage: ConnectionStage)
    -> (RedisError.Kind, String) {
    let reason = withUnsafeBytes(of: context.errstr) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    // hiredis fills `errstr` for I/O errors with strerror(errno); matching the text rather
    // than reading `errno` later is immune to calls that reset errno in between.
    func isCause(_ code: Int32) -> Bool {
        context.err == REDIS_ERR_IO && reason.hasSuffix(String(cString: strerror(code)))
    }

    switch stage {
    case .connecting(let timeout):
        if isCause(ECONNREFUSED) {
            if case .unix = url.endpoint {
                return (.connection, "connection refused: no server is listening on the socket — is redis-server running?")
            }
            return (.connection, "connection refused — is redis-server running?")
        }
        if isCause(ETIMEDOUT) {
            return (.connection, "no answer within \(format(timeout)) (the connect timeout) — is the host reachable and the port open?")
        }
        if case .unix(let path) = url.endpoint {
            if isCause(ENOENT) {
                return (.connection, "no socket file at \(path) — is redis-server running with `unixsocket \(path)`?")
            }
            if isCause(EACCES) {
                return (.connection, "permission denied on the socket file — check its permissions (redis-server's unixsocketperm)")
            }
        }
        if case .tcp(let host, _) = url.endpoint, context.err == REDIS_ERR_OTHER {
            // hiredis reports a failed name lookup (getaddrinfo) this way.
            return (.connection, "cannot connect to '\(host)' (\(reason)) — check the host name")
        }
        return (.connection, "cannot connect (\(reason))")

    case .talking(let commandTimeout):
        // A read or write that outlives SO_RCVTIMEO/SO_SNDTIMEO fails with EAGAIN.
        if isCause(EAGAIN) {
            return (.timeout, "no reply within \(format(commandTimeout)) (the command timeout); the connection is closed"
                + " — reconnect, and raise the timeout if the command is expected to be slow")
        }
        switch context.err {
        case REDIS_ERR_EOF:
            return (.connection, "the server closed the connection — reconnect and retry")
        case REDIS_ERR_PROTOCOL:
            return (.protocolViolation, "the reply is not Redis protocol (\(reason)) — is this address really a Redis server?")
        case REDIS_ERR_OOM:
            return (.connection, "hiredis ran out of memory; the connection is closed")
        default:
            return (.connection, "connection lost (\(reason)) — reconnect and retry")
        }
    }
}

/// `2s`, `300ms`: whole seconds when exact, milliseconds otherwise.
private func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    if attoseconds == 0 { return "\(seconds)s" }
    return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
}
