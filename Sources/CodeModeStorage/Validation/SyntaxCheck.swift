import CodeModeCore
import CodeModeGit
import CodeModePythonSyntax
import Foundation

/// The syntax check every skill passes before it is stored, pushed or committed, in two
/// stages. CodeMode's own checker (``PythonSyntaxPrecheck``) vouches for the plain code most
/// skills are, at more than 100 MB/s a core. What it cannot vouch for goes to Python's
/// own compiler, which costs about a millisecond per skill; so content that compiled once
/// (keyed by its git blob id and the interpreter) is remembered and not sent to Python again.
///
/// Only successes are remembered, so every error is reported fresh, with Python's message.
/// The memory lives in `$CODEMODE_CACHE_DIR`, else `$XDG_CACHE_HOME/codemode`, else
/// `~/.cache/codemode`; deleting it is always safe.
public enum SyntaxCheck {
    /// The first syntax error of each source, nil for those that compile.
    /// - Parameter cacheFolder: where the memory lives; nil checks everything afresh.
    public static func check(_ sources: [String], cacheFolder: String? = CacheFolder.path) throws -> [PythonSyntaxError?] {
        var results = [PythonSyntaxError?](repeating: nil, count: sources.count)
        let vouchedFor = sources.concurrentMap { PythonSyntaxPrecheck.check($0) == .compiles }
        let doubtful = sources.indices.filter { !vouchedFor[$0] }
        // Python is found (and started) only when some source needs it.
        guard !doubtful.isEmpty else { return results }
        let interpreter = try PythonInterpreter.resolve()
        let cache = SyntaxCache(interpreter: interpreter, folder: cacheFolder)
        let known = cache.load()
        let ids = doubtful.concurrentMap { ObjectID.blobID(for: Array(sources[$0].utf8)).hex }
        let unknown = doubtful.indices.filter { !known.contains(ids[$0]) }
        let checked = try PythonSyntaxChecker.check(unknown.map { sources[doubtful[$0]] }, interpreter: interpreter)
        var compiled: [String] = []
        for (position, error) in zip(unknown, checked) {
            results[doubtful[position]] = error
            if error == nil { compiled.append(ids[position]) }
        }
        cache.remember(compiled)
        return results
    }
}

/// One file of blob ids per interpreter, appended to under a lock.
private struct SyntaxCache {
    let path: String?

    init(interpreter: PythonInterpreter, folder: String?) {
        guard let folder else {
            path = nil
            return
        }
        // Syntax depends on the Python version: key the file by the interpreter's path and
        // its size and modification time, which change when it is upgraded in place.
        var info = stat()
        stat(interpreter.executable.path, &info)
        let identity = "\(interpreter.executable.path)|\(info.st_size)|\(info.st_mtim.tv_sec)"
        path = "\(folder)/syntax-ok-\(ObjectID.blobID(for: Array(identity.utf8)).hex.prefix(16))"
    }

    func load() -> Set<String> {
        guard let path, let bytes = try? FileIO.read(path) else { return [] }
        return Set(bytes.split(separator: UInt8(ascii: "\n")).lazy.filter { $0.count == 40 }.map { String(decoding: $0, as: UTF8.self) })
    }

    /// Appends ids; a cache that cannot be written only costs speed, never correctness.
    func remember(_ ids: [String]) {
        guard let path, !ids.isEmpty else { return }
        try? FileLock.withLock(at: path + ".lock") {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return }
            defer { close(fd) }
            let text = ids.joined(separator: "\n") + "\n"
            _ = Array(text.utf8).withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        }
    }
}
