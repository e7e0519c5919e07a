import CodeModeCore
import Foundation

/// Small POSIX file helpers: whole-file reads, and writes that readers never see half done.
enum FileIO {
    static func errorMessage(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The file's bytes, or nil when it does not exist.
    static func read(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw StorageError(.io, "\(path): cannot read: \(errorMessage())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StorageError(.io, "\(path): cannot read: \(errorMessage())") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw StorageError(.io, "\(path) is a folder, not a file") }
        // Read straight into an array of the file's size; grow only if the file grew meanwhile.
        var bytes: [UInt8] = []
        var capacity = max(Int(info.st_size), 0) + 1
        while true {
            var failure: Int32 = 0
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            let count = bytes.withUnsafeMutableBytes { buffer in
                var filled = 0
                while filled < capacity {
                    let n = Foundation.read(fd, buffer.baseAddress! + start + filled, capacity - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return filled
                    }
                    if n == 0 { break }
                    filled += n
                }
                return filled
            }
            if failure != 0 { throw StorageError(.io, "\(path): cannot read: \(errorMessage(failure))") }
            bytes.removeLast(capacity - count)
            if count < capacity { return bytes }
            capacity = 64 * 1024
        }
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it over `path`, so a
    /// concurrent reader sees the old content or the new, never a mix. Creates parent folders.
    static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !isDirectory(directory) { try createDirectory(directory) }
        let name = (path as NSString).lastPathComponent
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw StorageError(.io, "\(path): cannot write: \(errorMessage())") }
        let contiguous = Array(bytes)
        let writeError = contiguous.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        var failure = writeError == 0 ? nil : errorMessage(writeError)
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errorMessage() }
        if let failure {
            unlink(temporary)
            throw StorageError(.io, "\(path): cannot write: \(failure)")
        }
    }

    /// Creates `path` with `bytes`; fails if it exists. Half the file-system work of an atomic
    /// replace, for files nobody can be reading yet.
    static func writeNew(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw StorageError(.io, "\(path): cannot create: \(errorMessage())") }
        let writeError = bytes.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        close(fd)
        if writeError != 0 {
            unlink(path)
            throw StorageError(.io, "\(path): cannot write: \(errorMessage(writeError))")
        }
    }

    static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.io, "\(path): cannot create folder: \(error.localizedDescription)")
        }
    }

    /// Removes a file; returns false when it was not there.
    static func remove(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw StorageError(.io, "\(path): cannot delete: \(errorMessage())")
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}

/// An exclusive advisory lock (`flock`) held on a lock file until `unlock()` or deinit.
/// Other processes taking the same lock wait, so read-modify-write cycles never interleave.
final class FileLock {
    private let fd: Int32

    init(path: String) throws {
        try FileIO.createDirectory((path as NSString).deletingLastPathComponent)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw StorageError(.io, "\(path): cannot open lock file: \(FileIO.errorMessage())") }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let message = FileIO.errorMessage()
                close(fd)
                throw StorageError(.io, "\(path): cannot lock: \(message)")
            }
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Runs `body` while holding the lock at `path`.
    static func withLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        let lock = try FileLock(path: path)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
