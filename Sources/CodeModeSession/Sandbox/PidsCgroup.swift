import Foundation

/// A pids cgroup that caps how many processes a sandbox may run, for a host running as root:
/// the kernel exempts root's processes from RLIMIT_NPROC (the sandbox's user is root outside
/// its namespace), so there the limit needs the cgroup's `pids.max`. cgroup v2 where the
/// root group delegates pids, else the v1 pids hierarchy.
final class PidsCgroup {
    private let folder: String

    /// A new group of at most `limit` processes; nil when this host has no pids cgroup that
    /// root can write.
    init?(limit: Int) {
        let name = "codemode-kernel-\(UUID().uuidString)"
        let unified = "/sys/fs/cgroup"
        let controllers = (try? String(contentsOfFile: "\(unified)/cgroup.subtree_control", encoding: .utf8)) ?? ""
        let parent = controllers.split(whereSeparator: \.isWhitespace).contains("pids") ? unified : "\(unified)/pids"
        folder = "\(parent)/\(name)"
        guard geteuid() == 0, FileManager.default.fileExists(atPath: "\(parent)/cgroup.procs"), mkdir(folder, 0o755) == 0 else { return nil }
        guard write("pids.max", String(limit)) else {
            rmdir(folder)
            return nil
        }
    }

    /// Moves `pid` into the group; the processes it starts from then on are in it too.
    @discardableResult
    func add(_ pid: pid_t) -> Bool { write("cgroup.procs", String(pid)) }

    /// Removes the group once the processes in it are gone (they die with the sandbox).
    func remove() {
        for _ in 0..<100 {
            if rmdir(folder) == 0 || errno == ENOENT { return }
            usleep(2_000)
        }
    }

    private func write(_ file: String, _ text: String) -> Bool {
        let descriptor = open("\(folder)/\(file)", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == text.utf8.count
    }
}
