internal import CGit2

/// A failed libgit2 call: what failed (`operation`), libgit2's return code and error class, and
/// its message.
///
/// Match a code with `catch GitError.Code.notFound` or by comparing `error.code`.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// A libgit2 return code (`git_error_code`). A struct rather than an enum so that codes of
    /// a newer libgit2 round-trip unchanged.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ code: git_error_code) { rawValue = code.rawValue }

        public static let generic = Code(GIT_ERROR)
        public static let notFound = Code(GIT_ENOTFOUND)
        public static let exists = Code(GIT_EEXISTS)
        public static let ambiguous = Code(GIT_EAMBIGUOUS)
        public static let bareRepository = Code(GIT_EBAREREPO)
        public static let unbornBranch = Code(GIT_EUNBORNBRANCH)
        public static let unmerged = Code(GIT_EUNMERGED)
        public static let nonFastForward = Code(GIT_ENONFASTFORWARD)
        public static let invalidSpec = Code(GIT_EINVALIDSPEC)
        public static let conflict = Code(GIT_ECONFLICT)
        public static let locked = Code(GIT_ELOCKED)
        public static let modified = Code(GIT_EMODIFIED)
        public static let peel = Code(GIT_EPEEL)
        public static let invalid = Code(GIT_EINVALID)
        public static let uncommitted = Code(GIT_EUNCOMMITTED)
        public static let directory = Code(GIT_EDIRECTORY)
        public static let mergeConflict = Code(GIT_EMERGECONFLICT)
        public static let owner = Code(GIT_EOWNER)

        public var description: String { "\(rawValue)" }
    }

    /// The subsystem that reported the error (`git_error_t`), e.g. reference, odb, config.
    public struct Class: RawRepresentable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ klass: git_error_t) { rawValue = Int32(bitPattern: klass.rawValue) }

        public static let none = Class(GIT_ERROR_NONE)
        public static let os = Class(GIT_ERROR_OS)
        public static let invalid = Class(GIT_ERROR_INVALID)
        public static let reference = Class(GIT_ERROR_REFERENCE)
        public static let repository = Class(GIT_ERROR_REPOSITORY)
        public static let config = Class(GIT_ERROR_CONFIG)
        public static let odb = Class(GIT_ERROR_ODB)
        public static let index = Class(GIT_ERROR_INDEX)
        public static let object = Class(GIT_ERROR_OBJECT)
        public static let tree = Class(GIT_ERROR_TREE)
        public static let merge = Class(GIT_ERROR_MERGE)
    }

    public var code: Code
    public var errorClass: Class
    /// libgit2's own message, when it left one.
    public var message: String?
    /// The libgit2 function (or CodeMode check) that failed, e.g. `git_revparse_single`.
    public var operation: String

    public init(code: Code, errorClass: Class = .none, message: String?, operation: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    public var description: String {
        "\(operation) failed (code \(code), class \(errorClass.rawValue)): \(message ?? "no message from libgit2")"
    }
}

extension GitError.Code {
    /// Lets `catch GitError.Code.notFound` match.
    public static func ~= (pattern: GitError.Code, error: any Error) -> Bool {
        (error as? GitError)?.code == pattern
    }
}

/// The one funnel for libgit2 calls that can fail: runs `call`, and turns a negative result into
/// a `GitError` built from `git_error_last()`, read at once on the same thread because libgit2
/// keeps it per thread and the next call may overwrite it. It is cleared first, so a message
/// left over from an earlier failure is never reported as this one's.
func check(_ operation: String, _ call: () -> Int32) throws {
    git_error_clear()
    let result = call()
    guard result < 0 else { return }
    var error = GitError(code: GitError.Code(rawValue: result), message: nil, operation: operation)
    if let last = git_error_last() {
        error.errorClass = GitError.Class(rawValue: last.pointee.klass)
        error.message = last.pointee.message.map { String(cString: $0) }
    }
    throw error
}
