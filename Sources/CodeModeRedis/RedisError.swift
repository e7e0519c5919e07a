/// A failure talking to Redis. `message` says what happened, where (the redacted URL, never
/// the password) and what to do; `kind` says whether the connection survived it.
public struct RedisError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The URL could not be parsed; nothing was attempted.
        case invalidURL
        /// The connection could not be made or is dead (refused, reset, closed by the server,
        /// or broken by an earlier error): drop it and open a new `RedisConnection`.
        case connection
        /// The server did not answer within the command timeout. The connection is dead.
        case timeout
        /// The server refused the credentials, or wants credentials the URL does not have.
        case authentication
        /// The server answered with an error reply (`WRONGTYPE`, `EXECABORT`, …); the
        /// connection is fine and can be used again.
        case server
        /// The peer sent something that is not Redis protocol. The connection is dead.
        case protocolViolation
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
