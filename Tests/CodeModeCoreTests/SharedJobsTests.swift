import CodeModeCore
import Foundation
import Synchronization
import Testing

@Suite("Shared jobs")
struct SharedJobsTests {
    /// With no helper the producer runs everything itself; with helpers, jobs run as they are
    /// added. Either way each runs once, and all have run when `finish` returns.
    @Test(arguments: [0, 1, 3])
    func everyJobRunsOnceBeforeFinishReturns(helpers: Int) {
        let runs = RunCounts(500)
        let jobs = SharedJobs(helpers: helpers)
        for index in 0..<500 {
            jobs.add {
                // Some jobs are slow, so an early return from `finish` would find them not run.
                if index % 50 == 0 { usleep(2_000) }
                runs.counts.withLock { $0[index] += 1 }
            }
        }
        jobs.finish()
        #expect(runs.counts.withLock { $0 }.allSatisfy { $0 == 1 })
    }
}

/// How often each job ran, counted by the jobs on whatever thread runs them.
private final class RunCounts: Sendable {
    let counts: Mutex<[Int]>
    init(_ count: Int) { counts = Mutex(Array(repeating: 0, count: count)) }
}
