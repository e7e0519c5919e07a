import CodeModeCore
import Foundation

/// Runs a tool's command without a shell, with the host's environment and working folder,
/// reading its stdout and stderr until it ends or its time runs out.
enum ToolProcess {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// The output, or nil when the time ran out (the command and every process it started are
    /// then killed).
    static func run(_ argv: [String], timeout: Double) throws(NamespaceCallError) -> Output? {
        guard let command = argv.first, let executable = locate(command) else {
            throw NamespaceCallError("ToolCallError", "command '\(argv.first ?? "")' not found on PATH; install it or fix 'command' in the tool's YAML")
        }
        guard let stdout = ChildSpawn.pipe(), let stderr = ChildSpawn.pipe() else {
            throw NamespaceCallError("ToolCallError", "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        defer {
            close(stdout.read)
            close(stderr.read)
        }
        let pid: pid_t
        do {
            defer {
                close(stdout.write)
                close(stderr.write)
            }
            pid = try ChildSpawn.spawn(executable, Array(argv.dropFirst()), environment: ProcessInfo.processInfo.environment,
                                       newProcessGroup: true) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
                posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
            }
        } catch {
            throw NamespaceCallError("ToolCallError", "cannot run \(executable): \(error.message)")
        }
        var streams = [(fd: stdout.read, bytes: [UInt8](), open: true), (fd: stderr.read, bytes: [UInt8](), open: true)]
        let deadline = ContinuousClock.now + .seconds(timeout)
        while streams.contains(where: \.open) {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                kill(-pid, SIGKILL)
                _ = ChildSpawn.wait(pid)
                return nil
            }
            var pollers = streams.filter(\.open).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&pollers, nfds_t(pollers.count), Int32(max(1, (left / .milliseconds(1)).rounded(.up))))
            if ready < 0 && errno != EINTR { break }
            for poller in pollers where poller.revents != 0 {
                guard let index = streams.firstIndex(where: { $0.fd == poller.fd }) else { continue }
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                let count = chunk.withUnsafeMutableBytes { read(poller.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    streams[index].bytes += chunk[..<count]
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    streams[index].open = false
                }
            }
        }
        let status = ChildSpawn.wait(pid)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitCode, stdout: streams[0].bytes, stderr: streams[1].bytes)
    }

    /// A command with a `/` is a path; any other is looked up on `PATH`.
    static func locate(_ command: String) -> String? {
        ExecutableSearch.find(command)?.path
    }
}
