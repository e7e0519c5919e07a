import CodeModeGit
import CodeModeHooks
import Foundation

/// Writes `hooks/pre-commit` into a repository's `.git/hooks`.
enum HookInstaller {
    /// The line every hook we write carries, so a later install knows it may replace it.
    static let marker = "Installed by `codemode hooks install`"

    enum Outcome: String {
        case installed, updated, unchanged
    }

    /// - Parameter libraryFolder: the library folder relative to the work tree ("" for the root).
    static func install(in repository: Repository, libraryFolder: String, force: Bool) throws -> (Outcome, String) {
        let hooks = repository.gitDirectory.appendingPathComponent("hooks")
        let path = hooks.appendingPathComponent("pre-commit").path
        let script = Hooks.preCommit
            .replacingOccurrences(of: "@CODEMODE@", with: currentExecutable)
            .replacingOccurrences(of: "@LIBRARY@", with: libraryFolder.isEmpty ? "." : libraryFolder)
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        if existing == script { return (.unchanged, path) }
        if let existing, !existing.contains(marker), !force {
            throw CommandFailure(message: "\(path) exists and was not written by codemode; nothing was changed — add 'codemode validate --staged' to it yourself, or replace it with --force",
                                 code: ExitStatus.conflict)
        }
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try Data(script.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (existing == nil ? .installed : .updated, path)
    }

    /// This codemode, so the hook runs the same build even when it is not on PATH.
    private static var currentExecutable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}
