/// Why a session could not do what was asked. (Errors in the agent's code are not thrown:
/// they are the `error` of an `ExecutionResult`.)
public struct SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The kernel could not be started or stopped speaking the protocol.
        case kernel
        /// The session was closed.
        case closed
        /// The request is not acceptable (a bad name, a read-only storage, a bad argument).
        case invalidInput
        /// The storage failed.
        case storage
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
