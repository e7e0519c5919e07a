import Foundation
internal import CGit2

/// A git repository on disk, opened with libgit2.
///
/// A `Repository` owns its libgit2 handle and must stay with one owner: libgit2 repositories
/// are not safe to share between threads. Every call blocks on disk I/O; keep it off the
/// cooperative thread pool for large work.
public final class Repository {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Opens the repository whose work tree or `.git` folder is `url`, without looking in
    /// parent folders (use `discover(from:)` for that).
    /// The corresponding libgit2 function is `git_repository_open`.
    public static func open(at url: URL) throws -> Repository {
        _ = LibGit2.initialized
        var handle: OpaquePointer?
        try check("git_repository_open") { git_repository_open(&handle, url.path) }
        return Repository(handle: try unwrap(handle, "git_repository_open"))
    }

    /// Opens the repository that contains `url`, walking up through parent folders the way the
    /// `git` command does (a library folder inside a bigger repository finds the bigger one).
    /// It does not cross file-system boundaries.
    /// The corresponding libgit2 function is `git_repository_discover`.
    public static func discover(from url: URL) throws -> Repository {
        _ = LibGit2.initialized
        var found = git_buf()
        defer { git_buf_dispose(&found) }
        try check("git_repository_discover") { git_repository_discover(&found, url.path, 0, nil) }
        let path = String(cString: try unwrap(found.ptr, "git_repository_discover"))
        return try open(at: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// Creates a repository with a work tree at `url` (creating folders as needed), whose HEAD
    /// is the unborn branch `initialBranch` (a short name like `main`, or a full `refs/...` name).
    /// The corresponding libgit2 function is `git_repository_init_ext`.
    public convenience init(creatingAt url: URL, initialBranch: String = "main") throws {
        _ = LibGit2.initialized
        var options = git_repository_init_options()
        try check("git_repository_init_options_init") {
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        }
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        var handle: OpaquePointer?
        try initialBranch.withCString { branch in
            options.initial_head = branch
            try check("git_repository_init_ext") { git_repository_init_ext(&handle, url.path, &options) }
        }
        self.init(handle: try unwrap(handle, "git_repository_init_ext"))
    }

    /// The root of the work tree, or `nil` for a bare repository.
    /// The corresponding libgit2 function is `git_repository_workdir`.
    public var workTree: URL? {
        git_repository_workdir(handle).map { URL(fileURLWithPath: String(cString: $0), isDirectory: true) }
    }

    /// Whether this is a shallow clone (`git clone --depth`), whose history is cut off.
    /// The corresponding libgit2 function is `git_repository_is_shallow`.
    public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

    /// The `.git` folder (or the repository itself when bare).
    /// The corresponding libgit2 function is `git_repository_path`.
    public var gitDirectory: URL {
        URL(fileURLWithPath: String(cString: git_repository_path(handle)), isDirectory: true)
    }
}

@available(*, unavailable, message: "libgit2 repositories must not be shared between threads")
extension Repository: Sendable {}

/// libgit2 sets its out-parameter whenever it returns 0; this turns a broken promise into an
/// error instead of a crash.
func unwrap<T>(_ value: T?, _ operation: String) throws -> T {
    guard let value else {
        throw GitError(code: .generic, message: "returned success without a result", operation: operation)
    }
    return value
}
