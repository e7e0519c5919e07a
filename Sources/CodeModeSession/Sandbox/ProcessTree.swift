import Foundation

/// The processes under one process, as /proc shows them: a sandboxed kernel's host pid (the
/// sandbox tool stands between it and the host) and the CPU time they all used. Children come
/// from `/proc/PID/task/TID/children` where the kernel has it, else from one scan of /proc.
enum ProcessTree {
    /// The processes `pid`'s threads started that still run.
    static func children(of pid: pid_t) -> [pid_t] {
        guard hasChildrenFiles else { return scanParents().filter { $0.parent == pid }.map(\.pid) }
        return threads(of: pid).flatMap { numbers(in: "/proc/\(pid)/task/\($0)/children") }
    }

    /// Every process under `root` (not `root` itself).
    static func descendants(of root: pid_t) -> [pid_t] {
        let childrenOf: (pid_t) -> [pid_t]
        if hasChildrenFiles {
            childrenOf = children(of:)
        } else {
            let byParent = Dictionary(grouping: scanParents(), by: \.parent)
            childrenOf = { (byParent[$0] ?? []).map(\.pid) }
        }
        var found: [pid_t] = []
        var queue = [root]
        while let next = queue.popLast() {
            let below = childrenOf(next)
            found += below
            queue += below
        }
        return found
    }

    /// CPU seconds used by `pid` and the children it reaped; nil when it is gone.
    static func cpuSeconds(of pid: pid_t) -> Double? {
        stat(of: pid).map { Double($0.ticks) / ticksPerSecond }
    }

    /// CPU seconds used by everything under `root`, including what it reaped.
    static func cpuSeconds(under root: pid_t) -> Double {
        Double(descendants(of: root).compactMap { stat(of: $0)?.ticks }.reduce(0, +)) / ticksPerSecond
    }

    private static let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
    private static let hasChildrenFiles = FileManager.default.fileExists(atPath: "/proc/\(getpid())/task/\(getpid())/children")

    private static func threads(of pid: pid_t) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    }

    /// Every process's parent, from /proc/PID/stat.
    private static func scanParents() -> [(pid: pid_t, parent: pid_t)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name in pid_t(name).flatMap { pid in stat(of: pid).map { (pid, $0.parent) } } }
    }

    /// `/proc/PID/stat`: after the command name in parentheses come the state (field 0), the
    /// parent (1), …, and utime, stime, cutime, cstime (11 to 14): the process's own CPU and
    /// that of the children it reaped, in clock ticks.
    private static func stat(of pid: pid_t) -> (parent: pid_t, ticks: Int)? {
        withContents(of: "/proc/\(pid)/stat") { bytes in
            guard let end = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
            var fields: [Int] = []
            var value = 0, inNumber = false
            for byte in bytes[(end + 1)...] {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    inNumber = true
                } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                    // The state is a letter: it counts as a field of its own.
                    fields.append(inNumber ? value : -1)
                    value = 0
                    inNumber = false
                    if fields.count > 15 { break }
                }
            }
            // The text after ")" starts with a space: field 0 is fields[1].
            guard fields.count > 15 else { return nil }
            return (pid_t(fields[2]), fields[12] + fields[13] + fields[14] + fields[15])
        }
    }

    /// The whitespace-separated numbers of a file.
    private static func numbers(in path: String) -> [pid_t] {
        withContents(of: path) { bytes in
            bytes.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") })
                .compactMap { pid_t(String(decoding: $0, as: UTF8.self)) }
        } ?? []
    }

    /// Reads a small /proc file in one call into a buffer on the stack.
    private static func withContents<T>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { return nil }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
