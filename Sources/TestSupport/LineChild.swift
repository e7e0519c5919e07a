import Foundation

/// A child process spoken to in lines, one request and one answer at a time, as a client of
/// `codemode session` or `codemode mcp` does: each answer is read before the next request
/// is sent, with a time limit, so a test sees which answer belongs to which request. Used
/// from one thread; the child's stderr goes to a file read at the end.
public final class LineChild {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errorLog: URL
    private var pending: [UInt8] = []

    public init(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws {
        // A child that exits early makes a write fail with EPIPE instead of ending the tests.
        signal(SIGPIPE, SIG_IGN)
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-linechild-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: errorLog)
    }

    /// Sends `line` (a newline is added).
    public func send(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The next line the child writes, or nil when it wrote none within `seconds` or closed
    /// its stdout.
    public func nextLine(within seconds: Double = 30) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            pending += chunk[..<count]
        }
    }

    /// Sends `line` and returns the answer.
    public func ask(_ line: String, within seconds: Double = 30) throws -> String? {
        try send(line)
        return nextLine(within: seconds)
    }

    /// Closes the child's stdin, waits for it to exit, and returns its status and stderr.
    @discardableResult
    public func finish() throws -> (status: Int32, stderr: String) {
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "")
    }
}
