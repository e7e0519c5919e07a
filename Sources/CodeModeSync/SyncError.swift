/// Why a sync command stopped. The message names the item or setting and says what to do;
/// whatever failed, every side — the prefix, the refs, the work tree — is as it was.
public struct SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A bad argument: an unknown environment, a revision that names nothing.
        case usage
        /// Something to fix before trying again: a bad `codemode.yaml`, no repository, an
        /// invalid item, an unset variable, conflicts left in the work tree by a pull.
        case failed
        /// Refused because it would overwrite or drop someone's work: a push with conflicts,
        /// a pull over uncommitted edits.
        case refused
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
