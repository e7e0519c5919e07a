import Foundation

/// Jobs shared out while they are still being produced: one helper thread per extra core runs
/// them as they arrive, and when the producer is done it runs what is left itself. So no core
/// idles while, say, replies stream in from Redis on one thread and are parsed on the others.
public final class SharedJobs: @unchecked Sendable {
    public typealias Job = @Sendable () -> Void

    // Guards everything below; helpers wait on it for jobs, `finish` for the last job to end.
    private let condition = NSCondition()
    private var jobs: [Job?] = []
    private var taken = 0
    private var done = 0
    private var closed = false

    public init(helpers: Int = ProcessInfo.processInfo.activeProcessorCount - 1) {
        for _ in 0..<max(0, helpers) {
            // Threads of their own: the dispatch pool is only as wide as the machine, and the
            // producer may be blocking one of its threads.
            Thread { self.runJobs() }.start()
        }
    }

    public func add(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs the jobs nobody has taken yet on the calling thread, then waits for those still
    /// running elsewhere. Add nothing afterwards.
    public func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        runJobs()
        condition.lock()
        while done < jobs.count { condition.wait() }
        condition.unlock()
    }

    private func runJobs() {
        while let job = nextJob() {
            job()
            condition.lock()
            done += 1
            if closed && done == jobs.count { condition.broadcast() }
            condition.unlock()
        }
    }

    /// The oldest job not yet taken, waiting for one while more may come; nil once closed and empty.
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while taken == jobs.count && !closed { condition.wait() }
        guard taken < jobs.count else { return nil }
        // Dropped from the list as it is taken, so what it holds is freed when it has run.
        defer {
            jobs[taken] = nil
            taken += 1
        }
        return jobs[taken]
    }
}
