import CodeModeCore
import Foundation

/// One running kernel: a Python process and the private pipe pair it speaks JSON lines on.
/// Its stdin is /dev/null (so `input()` gets EOF); what it writes to stdout and stderr before
/// it captures them goes to a file kept for the error when it fails to start. In a sandbox,
/// `pid` is the sandbox tool's and its process group's, and killing that group ends everything inside.
final class KernelProcess {
    let pid: pid_t
    let python: PythonInterpreter
    let launch: KernelLaunch
    /// The interpreter's own process on the host, where signals go; found once it is ready.
    private var interpreterPID: pid_t
    /// The sandbox's init (its PID 1), the tool's child; found once the kernel is ready.
    private var sandboxInit: pid_t?
    /// Where the sandbox's process limit is kept when the host runs as root; entered from
    /// the start.
    private var processGroup: PidsCgroup?
    private let toKernel: Int32
    private let fromKernel: Int32
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private let startupLog: URL
    private(set) var exitStatus: Int32?

    /// Starts `python` on the kernel source as `launch` says; returns once the process exists
    /// (not yet ready).
    init(python: PythonInterpreter, outputLimit: Int, launch: KernelLaunch) throws(SessionError) {
        self.python = python
        self.launch = launch
        // Writes to a kernel that died must fail with EPIPE, not end this process.
        signal(SIGPIPE, SIG_IGN)
        guard let requests = ChildSpawn.pipe(), let replies = ChildSpawn.pipe() else {
            throw SessionError(.kernel, "cannot create the kernel's pipes: \(String(cString: strerror(errno)))")
        }
        startupLog = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-kernel-\(UUID().uuidString).log")
        let kernel = ["-c", KernelSource.text, "3", "4", String(outputLimit), PythonJSONEncoder().encode(launch.limits)]
        let executable = launch.sandbox?.tool.executable.path ?? python.executable.path
        let arguments = launch.sandbox.map { $0.arguments + [python.executable.path] + kernel } ?? kernel
        let log = startupLog.path
        let environment = launch.environment
        let isolated = launch.isolated
        let spawn: @Sendable () -> Result<pid_t, SpawnError> = {
            Result { () throws(SpawnError) in
                // A sandbox is a process group of its own: the tool and the sandbox's init go
                // together, even when the tool is killed while it still sets the sandbox up.
                try ChildSpawn.spawn(executable, arguments, environment: environment, newProcessGroup: isolated, keeping: 5) { actions in
                    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                    posix_spawn_file_actions_adddup2(&actions, 1, 2)
                    // dup2 clears close-on-exec on the copies: only 3 and 4 reach the kernel.
                    posix_spawn_file_actions_adddup2(&actions, requests.read, 3)
                    posix_spawn_file_actions_adddup2(&actions, replies.write, 4)
                }
            }
        }
        let spawned = isolated ? SpawningThread.run(spawn) : spawn()
        close(requests.read)
        close(replies.write)
        switch spawned {
        case .success(let pid):
            self.pid = pid
            interpreterPID = pid
            if isolated, geteuid() == 0, let limit = launch.processLimit {
                processGroup = PidsCgroup(limit: limit, sandbox: pid)
            }
        case .failure(let error):
            close(requests.write)
            close(replies.read)
            throw SessionError(.kernel, "cannot start the kernel (\(executable)): \(error.message)")
        }
        toKernel = requests.write
        fromKernel = replies.read
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

    /// Once the kernel said it is ready, before it runs any agent code: in a sandbox, finds
    /// the interpreter's process (the child of the sandbox's own init, below the tool's
    /// process) and, for a root host, makes sure the sandbox is in its pids cgroup.
    func didStart() {
        guard launch.isolated else { return }
        guard let initProcess = ProcessTree.children(of: pid).first,
              let interpreter = ProcessTree.children(of: initProcess).first else { return }
        interpreterPID = interpreter
        sandboxInit = initProcess
        guard let limit = launch.processLimit, geteuid() == 0 else { return }
        if processGroup?.confine(init: initProcess, interpreter: interpreter) != true {
            launch.notice?("the sandbox's process limit (\(limit)) is not enforced: codemode runs as root, whom RLIMIT_NPROC exempts, and no pids cgroup is writable here")
        }
    }

    /// Raises KeyboardInterrupt in the running cell.
    func interrupt() {
        Foundation.kill(interpreterPID, SIGINT)
    }

    /// CPU seconds the interpreter used, with the children it reaped.
    var interpreterCPU: Double { ProcessTree.cpuSeconds(of: interpreterPID) ?? 0 }

    /// CPU seconds used by everything the kernel runs, with what it reaped.
    var sandboxCPU: Double { ProcessTree.cpuSeconds(under: pid) }

    /// Kills the kernel (if it still runs) and reaps it.
    func kill() {
        guard exitStatus == nil else { return }
        if launch.isolated {
            // The sandbox's init first: bwrap reaps it and ends, so nothing is left for the
            // host's init to reap (a pids cgroup goes only once its processes are reaped).
            // A sandbox still being set up has no init to find: its whole group goes.
            if let sandboxInit = sandboxInit ?? ProcessTree.children(of: pid).first {
                Foundation.kill(sandboxInit, SIGKILL)
                for _ in 0..<1_000 where reap(waiting: false) == nil { usleep(1_000) }
            }
            if exitStatus == nil { Foundation.kill(-pid, SIGKILL) }
        } else {
            Foundation.kill(pid, SIGKILL)
        }
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
            processGroup?.remove()
        }
        // bwrap ends as its child did, a signal N as the exit status 128 + N.
        if launch.isolated, let status = exitStatus, status & 0x7f == 0, case let code = (status >> 8) & 0xff, code > 128 {
            return ChildSpawn.describe(code - 128)
        }
        return exitStatus.map(ChildSpawn.describe)
    }

    /// What the process wrote before it set up its own capture: the reason it failed to start.
    var startupOutput: String {
        let text = (try? String(contentsOf: startupLog, encoding: .utf8)) ?? ""
        return String(text.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2_000))
    }
}
