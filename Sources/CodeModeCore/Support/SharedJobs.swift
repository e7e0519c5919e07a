import Foundation
import Synchronization

/// Jobs shared out while they are still being produced: one helper thread per extra core runs
/// them as they arrive, and when the producer is done it runs what is left itself. So no core
/// idles while, say, replies stream in from Redis on one thread and are parsed on the others.
///
/// The queue sits behind a `Mutex`; helpers sleep on a semaphore that counts what there is to
/// wake for (one signal per job, one per helper at the end), and `finish` waits on a group that
/// every job leaves when it has run. Nothing else is shared, so the compiler checks it all.
public final class SharedJobs: Sendable {
    public typealias Job = @Sendable () -> Void

    private struct Queue {
        var jobs: [Job?] = []
        var taken = 0
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let wakeUps = DispatchSemaphore(value: 0)
    private let running = DispatchGroup()
    private let helpers: Int

    public init(helpers: Int = ProcessInfo.processInfo.activeProcessorCount - 1) {
        self.helpers = max(0, helpers)
        for _ in 0..<self.helpers {
            // Threads of their own: the dispatch pool is only as wide as the machine, and the
            // producer may be blocking one of its threads.
            Thread { [self] in
                while true {
                    wakeUps.wait()
                    guard let job = nextJob() else {
                        if queue.withLock({ $0.closed }) { return }
                        continue   // the producer took the job this wake-up was for
                    }
                    run(job)
                }
            }.start()
        }
    }

    public func add(_ job: @escaping Job) {
        running.enter()
        queue.withLock { $0.jobs.append(job) }
        wakeUps.signal()
    }

    /// Runs the jobs nobody has taken yet on the calling thread, then waits for those still
    /// running elsewhere. Add nothing afterwards.
    public func finish() {
        queue.withLock { $0.closed = true }
        for _ in 0..<helpers { wakeUps.signal() }
        while let job = nextJob() { run(job) }
        running.wait()
    }

    private func run(_ job: Job) {
        job()
        running.leave()
    }

    /// The oldest job not yet taken, nil when there is none now.
    private func nextJob() -> Job? {
        queue.withLock { queue in
            guard queue.taken < queue.jobs.count else { return nil }
            // Dropped from the list as it is taken, so what it holds is freed when it has run.
            defer {
                queue.jobs[queue.taken] = nil
                queue.taken += 1
            }
            return queue.jobs[queue.taken]
        }
    }
}
