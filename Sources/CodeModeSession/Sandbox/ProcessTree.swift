import Foundation

/// The processes under one process, as /proc shows them: a sandboxed kernel's host pid (the
/// sandbox tool stands between it and the host) and the CPU time they all used.
enum ProcessTree {
    struct Entry {
        var pid: pid_t
        var parent: pid_t
        /// utime + stime + cutime + cstime, in clock ticks: the process's own CPU and that of
        /// the children it reaped.
        var ticks: Int
    }

    /// Every process under `root` (not `root` itself), nearest first.
    static func descendants(of root: pid_t) -> [Entry] {
        let all = snapshot()
        let children = Dictionary(grouping: all, by: \.parent)
        var found: [Entry] = []
        var queue = [root]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for child in children[next] ?? [] {
                found.append(child)
                queue.append(child.pid)
            }
        }
        return found
    }

    /// CPU seconds used by `pid` and the children it reaped; nil when it is gone.
    static func cpuSeconds(of pid: pid_t) -> Double? {
        entry(pid).map { Double($0.ticks) / ticksPerSecond }
    }

    /// CPU seconds used by everything under `root`, including what it reaped.
    static func cpuSeconds(under root: pid_t) -> Double {
        Double(descendants(of: root).reduce(0) { $0 + $1.ticks }) / ticksPerSecond
    }

    private static let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))

    private static func snapshot() -> [Entry] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let pid = pid_t(name), let entry = entry(pid) { entries.append(entry) }
        }
        return entries
    }

    /// `/proc/PID/stat`: after the command name in parentheses come the state, the parent,
    /// …, and from the 12th field on (counting from 0) utime, stime, cutime, cstime.
    private static func entry(_ pid: pid_t) -> Entry? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0, let end = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(end + 1)..<count].split(separator: UInt8(ascii: " ")).map { Int(String(decoding: $0, as: UTF8.self)) }
        guard fields.count > 14, let parent = fields[1], let times = Optional(fields[11...14].compactMap { $0 }), times.count == 4 else { return nil }
        return Entry(pid: pid, parent: pid_t(parent), ticks: times.reduce(0, +))
    }
}
