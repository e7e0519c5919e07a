import CodeModeGit
import Foundation

/// A temporary git repository for one test, plus the real `git` command to check it with.
///
/// Nothing from the developer's own setup leaks in: the `git` command runs with `HOME` and
/// `XDG_CONFIG_HOME` inside the fixture, no system config and no inherited `GIT_*` variables;
/// and libgit2, which cannot be given a different `HOME` per repository, is pointed once per
/// test process at an empty folder for its global, XDG and system config. The identity commits
/// are made with is therefore only ever the repository-local one the fixture sets (or none).
public final class GitFixture {
    /// The identity written into the repository's own config unless a test asks for another.
    public static let testIdentity = Signature(name: "Test Author", email: "author@example.com")

    /// The temporary folder holding everything below; deleted when the fixture goes away.
    public let root: URL
    /// `HOME` for the `git` command: an empty folder.
    public let home: URL
    /// The repository's work tree (`root/repo`).
    public let workTree: URL

    /// Makes the folders and, when `initialize` is true, runs `git init -b main` in the work
    /// tree and sets `identity` (when given) as the repository-local `user.name`/`user.email`.
    public init(identity: Signature? = GitFixture.testIdentity, initialize: Bool = true) throws {
        _ = Self.libgit2Isolated
        root = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-git-\(UUID().uuidString)")
        home = root.appendingPathComponent("home", isDirectory: true)
        workTree = root.appendingPathComponent("repo", isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workTree, withIntermediateDirectories: true)
        guard initialize else { return }
        try git("init", "--quiet", "--initial-branch=main")
        if let identity {
            try git("config", "user.name", identity.name)
            try git("config", "user.email", identity.email)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The location of `path` inside the work tree.
    public func url(_ path: String) -> URL {
        workTree.appendingPathComponent(path)
    }

    /// Writes `contents` to `path` in the work tree, creating folders as needed.
    @discardableResult
    public func write(_ path: String, _ contents: String) throws -> URL {
        let file = url(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file
    }

    /// Stages everything and commits it with the `git` command; returns the new commit's id.
    @discardableResult
    public func commitAll(_ message: String) throws -> String {
        try git("add", "--all")
        try git("commit", "--quiet", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD")
    }

    /// Runs `git` with `arguments` in `directory` (the work tree by default) and returns its
    /// standard output without the final newline; a non-zero exit throws with its stderr.
    @discardableResult
    public func git(_ arguments: String..., in directory: URL? = nil) throws -> String {
        let result = try runGit(arguments, in: directory)
        guard result.status == 0 else {
            throw GitCommandError(arguments: arguments, status: result.status, stderr: result.stderr)
        }
        return result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
    }

    /// Runs `git` and returns its exit status and output, whatever the status.
    public func runGit(_ arguments: [String], in directory: URL? = nil) throws -> GitCommandResult {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments,
                                           in: directory ?? workTree, environment: environment)
        return GitCommandResult(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Runs the built `codemode` in the fixture's environment (its HOME, no system git config).
    public func codemode(_ arguments: String..., in directory: URL? = nil, stdin: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(ProcessRunner.codemodeExecutable, arguments, in: directory ?? workTree, stdin: stdin, environment: environment)
    }

    /// The environment the `git` command runs in: the test's own, minus every `GIT_*`
    /// variable, with `HOME` and the XDG config folder inside the fixture and no system config.
    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["LC_ALL"] = "C"
        return environment
    }

    /// libgit2 reads global and system config from search paths fixed per process; point them
    /// all at one empty folder, shared by every test process and never written to.
    private static let libgit2Isolated: Void = {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-tests-no-git-config")
        do {
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            for level in LibGit2.ConfigLevel.allCases {
                try LibGit2.setConfigSearchPath(empty.path, for: level)
            }
        } catch {
            fatalError("cannot isolate libgit2 from the user's git config: \(error)")
        }
    }()
}

/// What a `git` command printed and how it exited.
public struct GitCommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// A `git` command that exited with a non-zero status.
public struct GitCommandError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var stderr: String

    public var description: String {
        "git \(arguments.joined(separator: " ")) exited with \(status): \(stderr)"
    }
}
