import Dispatch
import Synchronization

/// Work started on another thread now and collected later: its value crosses back through a
/// mutex, so the compiler checks that only `Sendable` values cross.
final class BackgroundWork<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let finished = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        finished.enter()
        DispatchQueue.global().async { [self] in
            let result = work()
            value.withLock { $0 = result }
            finished.leave()
        }
    }

    /// Waits for the work to end and returns its value; may be called more than once.
    func wait() -> Value {
        finished.wait()
        return value.withLock { $0! }
    }
}
