import Dispatch
import Foundation
import Synchronization

/// One thread that lives as long as the process, where sandboxes are started. bwrap's
/// `--die-with-parent` uses PR_SET_PDEATHSIG, which fires when the *thread* that started it
/// ends, not the process: started from a pool thread that later exits, a kernel would be
/// killed in the middle of a session.
enum SpawningThread {
    /// Runs `work` on that thread and returns what it returned.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<T?>(nil)
        jobs.withLock { $0.append {
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        } }
        started.signal()
        done.wait()
        return result.withLock { $0! }
    }

    private static let jobs = Mutex<[@Sendable () -> Void]>([])
    private static let started: DispatchSemaphore = {
        let waiting = DispatchSemaphore(value: 0)
        let thread = Thread {
            while true {
                waiting.wait()
                let next = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                next?()
            }
        }
        thread.name = "codemode-sandbox-spawner"
        thread.start()
        return waiting
    }()
}
