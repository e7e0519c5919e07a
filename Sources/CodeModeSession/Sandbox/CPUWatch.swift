/// The CPU limit of a sandboxed cell, watched from the host, where agent code cannot lift it:
/// once a second while the cell runs, the CPU used by everything in the sandbox since the cell
/// began (what processes left running by earlier cells use counts too) is compared with it.
/// A cell that ends within a second costs one read of the interpreter's /proc entry.
struct CPUWatch {
    private let kernel: KernelProcess
    private let limit: Double
    private let startCPU: Double
    private(set) var nextCheck: ContinuousClock.Instant

    init(_ kernel: KernelProcess, limit: Double, from start: ContinuousClock.Instant) {
        self.kernel = kernel
        self.limit = limit
        startCPU = kernel.interpreterCPU
        nextCheck = start + .seconds(1)
    }

    /// Whether the cell is still within its limit; schedules the next check.
    mutating func withinLimit() -> Bool {
        nextCheck = .now + .seconds(1)
        return kernel.sandboxCPU - startCPU <= limit
    }
}
