import CodeModeCore
import Foundation

/// One running kernel: a Python process and the private pipe pair it speaks JSON lines on.
/// Its stdin is /dev/null (so `input()` gets EOF); what it writes to stdout and stderr before
/// it captures them goes to a file kept for the error when it fails to start.
final class KernelProcess {
    let pid: pid_t
    private let toKernel: Int32
    private let fromKernel: Int32
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private let startupLog: URL
    private(set) var exitStatus: Int32?

    /// Starts `python` on the kernel source; returns once the process exists (not yet ready).
    init(python: PythonInterpreter, outputLimit: Int, environment: [String: String]) throws(SessionError) {
        // Writes to a kernel that died must fail with EPIPE, not end this process.
        signal(SIGPIPE, SIG_IGN)
        var requests: [Int32] = [0, 0], replies: [Int32] = [0, 0]
        guard pipe(&requests) == 0, pipe(&replies) == 0 else {
            throw SessionError(.kernel, "cannot create the kernel's pipes: \(String(cString: strerror(errno)))")
        }
        // Only the kernel gets these: other children of this process must not hold them open.
        for fd in requests + replies { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        startupLog = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-kernel-\(UUID().uuidString).log")
        let arguments = ["-c", KernelSource.text, "3", "4", String(outputLimit)]
        do {
            pid = try Self.spawn(python.executable.path, arguments, requests: requests[0], replies: replies[1],
                                 log: startupLog.path, environment: environment)
        } catch {
            [requests[0], requests[1], replies[0], replies[1]].forEach { close($0) }
            throw error
        }
        close(requests[0])
        close(replies[1])
        toKernel = requests[1]
        fromKernel = replies[0]
    }

    deinit {
        kill()
        close(toKernel)
        close(fromKernel)
        try? FileManager.default.removeItem(at: startupLog)
    }

    /// Sends one message line. False when the kernel is gone.
    func send(_ message: JSONValue) -> Bool {
        var line = Array(PythonJSONEncoder().encode(message).utf8)
        line.append(UInt8(ascii: "\n"))
        return line.withUnsafeBytes { FileDescriptor.writeAll(toKernel, $0) } == 0
    }

    enum Received {
        case message(JSONValue)
        /// The deadline passed first.
        case timedOut
        /// The pipe closed: the kernel exited or was killed.
        case closed
    }

    /// The next message line, waiting until `deadline` at most.
    func receive(before deadline: ContinuousClock.Instant?) throws(SessionError) -> Received {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[bufferStart..<newline]
                bufferStart = newline + 1
                if bufferStart > 1 << 16 {
                    buffer.removeFirst(bufferStart)
                    bufferStart = 0
                }
                do {
                    return .message(try JSONParser.parse(data: line))
                } catch {
                    throw SessionError(.kernel, "the kernel sent a line that is not JSON (\(error))")
                }
            }
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                if left <= .zero { return .timedOut }
                var poller = pollfd(fd: fromKernel, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(min(Double(Int32.max), (left / .milliseconds(1)).rounded(.up)))
                let ready = poll(&poller, 1, milliseconds)
                if ready == 0 { continue }
                if ready < 0 && errno != EINTR {
                    throw SessionError(.kernel, "cannot wait for the kernel: \(String(cString: strerror(errno)))")
                }
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(fromKernel, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SessionError(.kernel, "cannot read from the kernel: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return .closed }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// Raises KeyboardInterrupt in the running cell.
    func interrupt() {
        Foundation.kill(pid, SIGINT)
    }

    /// Kills the kernel (if it still runs) and reaps it.
    func kill() {
        guard exitStatus == nil else { return }
        Foundation.kill(pid, SIGKILL)
        _ = reap(waiting: true)
    }

    /// How the kernel ended, e.g. "killed by signal 11 (SIGSEGV)" or "exit status 1"; nil
    /// while it runs (and `waiting` is false).
    func reap(waiting: Bool) -> String? {
        if exitStatus == nil {
            var status: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(pid, &status, waiting ? 0 : WNOHANG) } while reaped == -1 && errno == EINTR
            guard reaped == pid else { return nil }
            exitStatus = status
        }
        guard let status = exitStatus else { return nil }
        let signal = status & 0x7f
        if signal == 0 { return "exit status \((status >> 8) & 0xff)" }
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal"
        return "killed by signal \(signal) (\(name))"
    }

    /// What the process wrote before it set up its own capture: the reason it failed to start.
    var startupOutput: String {
        let text = (try? String(contentsOf: startupLog, encoding: .utf8)) ?? ""
        return String(text.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2_000))
    }

    private static func spawn(_ executable: String, _ arguments: [String], requests: Int32, replies: Int32,
                              log: String, environment: [String: String]) throws(SessionError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // dup2 clears close-on-exec on the copies: only 3 and 4 reach the kernel.
        posix_spawn_file_actions_adddup2(&actions, requests, 3)
        posix_spawn_file_actions_adddup2(&actions, replies, 4)

        // Threads of the host may block signals, and SIGPIPE is ignored here; the kernel
        // starts with neither, so SIGINT interrupts its cells.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environ = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environ.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw SessionError(.kernel, "cannot start the kernel (\(executable)): \(String(cString: strerror(result)))")
        }
        return pid
    }
}
