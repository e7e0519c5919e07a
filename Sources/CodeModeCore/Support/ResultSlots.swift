import Synchronization

/// Values that worker threads hand to the thread that waits for them: each worker fills its
/// own slot, the owner reads them all once the workers are done. The slots sit behind a
/// `Mutex`, so the compiler, not a comment, proves that no write races a read.
public final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    public init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    public func fill(_ index: Int, with value: Value) {
        slots.withLock { $0[index] = value }
    }

    /// Every slot, nil where no worker filled it.
    public var values: [Value?] {
        slots.withLock { $0 }
    }
}
