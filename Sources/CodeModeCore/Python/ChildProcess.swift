import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion with the given bytes on its stdin and collects its output.
///
/// stdin is written and stderr read on threads of their own while stdout is read here, so
/// neither side can block the other however large the input or output is.
enum ChildProcess {
    struct Output: Sendable {
        var status: Int32
        /// True when the process was ended by a signal; `status` is then the signal number.
        var killedBySignal: Bool
        var stdout: Data
        var stderr: Data
    }

    static func run(_ executable: URL, arguments: [String], input: Data) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        let writer = BackgroundThread {
            writeAll(input, to: stdin.fileHandleForWriting)
        }
        let errorReader = BackgroundThread {
            (try? stderr.fileHandleForReading.readToEnd()) ?? Data()
        }
        let output = (try? stdout.fileHandleForReading.readToEnd()) ?? Data()
        writer.join()
        let errors = errorReader.join()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: output,
            stderr: errors
        )
    }

    /// Writes `data` and closes the handle. A child that exits without reading everything
    /// must not kill this process with SIGPIPE, and the signal is process-wide, so it is
    /// suppressed only for this write: per descriptor on Darwin, per thread on Linux.
    private static func writeAll(_ data: Data, to handle: FileHandle) {
        let fd = handle.fileDescriptor
        #if canImport(Darwin)
        _ = fcntl(fd, F_SETNOSIGPIPE, 1)
        _ = writeFully(data, to: fd)
        #else
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        if writeFully(data, to: fd) == EPIPE {
            // The blocked SIGPIPE is pending on this thread; take it so it is never delivered.
            var noWait = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipeSignal, nil, &noWait)
        }
        #endif
        try? handle.close()
    }

    /// Writes all of `data`, retrying after interrupts. Returns 0, or the errno that stopped it.
    private static func writeFully(_ data: Data, to fd: Int32) -> Int32 {
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    return errno
                }
            }
            return 0
        }
    }
}

/// A dedicated thread (not a pool thread: it may block for long, and on Linux its signal
/// mask is changed) whose result can be awaited.
private final class BackgroundThread<Value: Sendable>: Sendable {
    private let result = ResultSlots<Value>(count: 1)
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Value) {
        let thread = Thread { [result, done] in
            result.fill(0, with: body())
            done.signal()
        }
        thread.start()
    }

    @discardableResult
    func join() -> Value {
        done.wait()
        guard let value = result.values[0] else { preconditionFailure("thread finished without a result") }
        return value
    }
}
