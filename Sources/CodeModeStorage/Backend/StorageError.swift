/// Why a storage operation failed. The message names the item and says what to do;
/// a failed operation leaves the storage as it was.
public struct StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A skill, artifact or file that does not exist.
        case notFound
        /// Refused because it would overwrite something (use the force option).
        case alreadyExists
        /// The input is not acceptable (bad source, bad name, bad spec).
        case invalidInput
        /// Stored data that cannot be read (corrupt index, undecodable file).
        case corrupt
        /// The file system refused an operation.
        case io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
