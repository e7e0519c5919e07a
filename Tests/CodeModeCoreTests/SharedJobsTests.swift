import CodeModeCore
import Foundation
import Testing

@Suite("Shared jobs")
struct SharedJobsTests {
    /// With no helper the producer runs everything itself; with helpers, jobs run as they are
    /// added. Either way each runs once, and all have run when `finish` returns.
    @Test(arguments: [0, 1, 3])
    func everyJobRunsOnceBeforeFinishReturns(helpers: Int) {
        let runs = UnsafeMutableBufferPointer<Int>.allocate(capacity: 500)
        runs.initialize(repeating: 0)
        defer { runs.deallocate() }
        nonisolated(unsafe) let shared = runs
        let jobs = SharedJobs(helpers: helpers)
        for index in 0..<500 {
            jobs.add {
                // Some jobs are slow, so an early return from `finish` would find them not run.
                if index % 50 == 0 { usleep(2_000) }
                shared[index] += 1
            }
        }
        jobs.finish()
        #expect(runs.allSatisfy { $0 == 1 })
    }
}
