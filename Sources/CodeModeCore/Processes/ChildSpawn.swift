import Foundation

/// Starts child processes with `posix_spawn`, in a clean signal state: threads of the host may
/// block signals and SIGPIPE is ignored here, and the child must start with neither (so SIGINT
/// interrupts a kernel's cell). Descriptors reach the child only as `setUp` places them, below
/// `keeping`: every other one is closed, even those opened without close-on-exec by other
/// threads (a long-lived kernel holding a file open for writing would keep it "busy").
public enum ChildSpawn {
    public static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], newProcessGroup: Bool = false,
                             keeping: Int32 = 3, in directory: String? = nil,
                             setUp: (inout posix_spawn_file_actions_t) -> Void) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        setUp(&actions)
        if let directory {
            guard let addChdir else { throw SpawnError(message: "this C library cannot start a program in another folder (glibc 2.29 or later can)") }
            _ = addChdir(&actions, directory)
        }
        if let addCloseFrom { _ = addCloseFrom(&actions, keeping) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            // Its own group, so a timeout can kill the command and every process it started.
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environ = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environ.forEach { free($0) }
        }
        var pid: pid_t = 0
        var result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        // A script another thread has just written may still be open in a process that thread
        // was starting at that moment; it is closed within microseconds.
        for _ in 0..<20 where result == ETXTBSY {
            usleep(5_000)
            result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        }
        guard result == 0 else { throw SpawnError(message: String(cString: strerror(result))) }
        return pid
    }

    /// A pipe whose ends are closed in children unless placed there with dup2.
    public static func pipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { return nil }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Waits for `pid` to end; its `waitpid` status.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// How a process ended: "exit status 1", "killed by signal 9 (Killed)".
    public static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exit status \((status >> 8) & 0xff)" }
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal"
        return "killed by signal \(signal) (\(name))"
    }
}

/// Why `posix_spawn` failed, as `strerror` says it.
public struct SpawnError: Error {
    public var message: String
}

/// glibc 2.34 and later; looked up at run time so older C libraries still start children.
private let addCloseFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
    .map { unsafeBitCast($0, to: AddCloseFrom.self) }
private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

/// glibc 2.29 and later, looked up the same way.
private let addChdir = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
    .map { unsafeBitCast($0, to: AddChdir.self) }
private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
