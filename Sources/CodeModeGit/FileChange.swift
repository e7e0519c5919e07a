/// One file that differs between two sides of a diff.
public struct FileChange: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        /// Only on the new side; untracked work-tree files count as added.
        case added
        case deleted
        case modified
        /// Moved from `oldPath` (only when rename detection is asked for).
        case renamed
        /// A file became a symbolic link or the other way round.
        case typeChanged
    }

    /// The path on the new side (the old side for a deletion), relative to the folder the diff
    /// was limited to.
    public var path: String
    /// The path on the old side; differs from `path` only for renames.
    public var oldPath: String
    public var status: Status
    /// The blob on the old side; `nil` when the file is added.
    public var oldID: ObjectID?
    /// The blob on the new side; `nil` when the file is deleted.
    public var newID: ObjectID?

    public init(path: String, oldPath: String? = nil, status: Status, oldID: ObjectID?, newID: ObjectID?) {
        self.path = path
        self.oldPath = oldPath ?? path
        self.status = status
        self.oldID = oldID
        self.newID = newID
    }
}
