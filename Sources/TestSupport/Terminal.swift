import Foundation

/// Runs a program with its stdout on a pseudo-terminal, as a person at a terminal runs it:
/// `isatty(1)` is true there. stderr goes to a pipe; stdin is empty.
public enum Terminal {
    /// Runs `executable` and returns its exit status and what it wrote to the terminal, with
    /// the terminal's `\r\n` line ends made `\n` again.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> ProcessResult {
        guard let functions = PseudoTerminalFunctions.shared else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "this C library has no posix_openpt"])
        }
        let master = functions.open(O_RDWR | O_NOCTTY)
        guard master >= 0, functions.grant(master) == 0, functions.unlock(master) == 0, let name = functions.name(master) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no pseudo-terminal: \(String(cString: strerror(errno)))"])
        }
        let replica = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard replica >= 0 else { throw CocoaError(.fileReadUnknown) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let errors = Pipe()
        process.standardOutput = FileHandle(fileDescriptor: replica, closeOnDealloc: false)
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        close(replica)
        // Read until the last holder of the replica is gone: EIO, not EOF, on Linux.
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(contentsOf: buffer[..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(master)
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// glibc declares the pseudo-terminal functions only under `_XOPEN_SOURCE`, which Swift's
/// Glibc module does not define, so they are looked up at run time.
private struct PseudoTerminalFunctions {
    typealias Open = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let open: Open
    let grant: Open
    let unlock: Open
    let name: Name

    static let shared: PseudoTerminalFunctions? = {
        guard let open = dlsym(nil, "posix_openpt"), let grant = dlsym(nil, "grantpt"), let unlock = dlsym(nil, "unlockpt"),
              let name = dlsym(nil, "ptsname") else { return nil }
        return PseudoTerminalFunctions(open: unsafeBitCast(open, to: Open.self), grant: unsafeBitCast(grant, to: Open.self),
                                       unlock: unsafeBitCast(unlock, to: Open.self), name: unsafeBitCast(name, to: Name.self))
    }()
}
