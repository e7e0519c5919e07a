import Dispatch
import Foundation

/// A pids cgroup that caps how many processes a sandbox may run, for a host running as root:
/// the kernel exempts root's processes from RLIMIT_NPROC (the sandbox's user is root outside
/// its namespace), so there the limit needs the cgroup's `pids.max`. cgroup v2 where the
/// root group delegates pids, else the v1 pids hierarchy.
///
/// The first move of a process into a new group waits for an RCU grace period (10–30 ms), so
/// the sandbox is put into it while its interpreter starts, not after.
final class PidsCgroup: Sendable {
    private let folder: String
    private let moved = DispatchSemaphore(value: 0)

    /// A group of at most `limit` processes for the sandbox whose tool is `tool`, which its
    /// init and interpreter enter as soon as they exist; nil when this host has no pids cgroup
    /// that root can write.
    init?(limit: Int, sandbox tool: pid_t) {
        let unified = "/sys/fs/cgroup"
        let controllers = (try? String(contentsOfFile: "\(unified)/cgroup.subtree_control", encoding: .utf8)) ?? ""
        let parent = controllers.split(whereSeparator: \.isWhitespace).contains("pids") ? unified : "\(unified)/pids"
        folder = "\(parent)/\(Self.namePrefix)\(getpid())-\(UUID().uuidString)"
        guard geteuid() == 0, FileManager.default.fileExists(atPath: "\(parent)/cgroup.procs") else { return nil }
        Self.removeAbandoned(in: parent)
        guard mkdir(folder, 0o755) == 0 else { return nil }
        guard write("pids.max", String(limit)) else {
            rmdir(folder)
            return nil
        }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { moved.signal() }
            // The sandbox's init, then the interpreter it starts: each within a second.
            guard let initProcess = Self.firstChild(of: tool) else { return }
            add(initProcess)
            if let interpreter = Self.firstChild(of: initProcess) { add(interpreter) }
        }
    }

    /// Once the interpreter is ready, before it runs anything: whether the sandbox's init and
    /// interpreter are in the group (moving them now if they were not yet).
    func confine(init initProcess: pid_t, interpreter: pid_t) -> Bool {
        moved.wait()
        moved.signal()
        for pid in [initProcess, interpreter] where !contains(pid) {
            guard add(pid) else { return false }
        }
        return true
    }

    /// Removes the group once the processes in it are gone (they die with the sandbox).
    func remove() {
        for _ in 0..<100 {
            if rmdir(folder) == 0 || errno == ENOENT { return }
            usleep(2_000)
        }
    }

    /// Groups are named after the process that made them: `codemode-kernel-PID-UUID`.
    private static let namePrefix = "codemode-kernel-"

    /// Removes the empty groups of processes that ended without removing them (killed while
    /// their sandbox ran); a group in use is never empty, and rmdir leaves it.
    private static func removeAbandoned(in parent: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(namePrefix) {
            guard let owner = pid_t(name.dropFirst(namePrefix.count).prefix { $0 != "-" }),
                  Foundation.kill(owner, 0) == -1, errno == ESRCH else { continue }
            rmdir("\(parent)/\(name)")
        }
    }

    /// Moves `pid` into the group; the processes it starts from then on are in it too.
    @discardableResult
    private func add(_ pid: pid_t) -> Bool { write("cgroup.procs", String(pid)) }

    private func contains(_ pid: pid_t) -> Bool {
        let groups = (try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8)) ?? ""
        return groups.contains(folder.split(separator: "/").last.map(String.init) ?? folder)
    }

    private static func firstChild(of pid: pid_t) -> pid_t? {
        for _ in 0..<1_000 {
            if let child = ProcessTree.children(of: pid).first { return child }
            usleep(1_000)
        }
        return nil
    }

    private func write(_ file: String, _ text: String) -> Bool {
        let descriptor = open("\(folder)/\(file)", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == text.utf8.count
    }
}
