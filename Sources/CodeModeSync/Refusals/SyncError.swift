/// Why a sync command stopped. Whatever failed, every side — the prefix, the refs, the work
/// tree — is as it was.
///
/// A refusal (a push that would overwrite someone's work, a push from behind, a lost prefix)
/// carries its items and commits as data in `refusal`; the message only states what was
/// found. What to do about it is the front end's to say (the CLI, the MCP server).
public struct SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A bad argument: an unknown environment, a revision that names nothing.
        case usage
        /// Something to fix before trying again: a bad `codemode.yaml`, no repository, an
        /// invalid item, an unset variable, conflicts left in the work tree by a pull.
        case failed
        /// Refused because it would overwrite, drop or hide someone's work; `refusal` says why.
        case refused
    }

    public var kind: Kind
    public var message: String
    /// What was refused, as data; set exactly when `kind` is `.refused`.
    public private(set) var refusal: SyncRefusal?

    /// A usage error or a failure; `message` names the item or setting and what is wrong.
    public init(_ kind: Kind, _ message: String) {
        precondition(kind != .refused, "a refusal is made from its SyncRefusal")
        self.kind = kind
        self.message = message
    }

    public init(_ refusal: SyncRefusal) {
        kind = .refused
        message = refusal.description
        self.refusal = refusal
    }

    public var description: String { message }
}
