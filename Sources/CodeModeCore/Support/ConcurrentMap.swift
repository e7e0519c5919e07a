import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores, in contiguous chunks, keeping the order.
    /// For CPU-bound work on many independent items (reading thousands of skill files).
    public func concurrentMap<T: Sendable, Failure: Error>(_ transform: @Sendable (Element) throws(Failure) -> T) throws(Failure) -> [T] {
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / 64 + 1)
        guard workers > 1 else { return try map(transform) }
        let chunkSize = (count + workers - 1) / workers
        let chunks = ResultSlots<Result<[T], Failure>>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunkSize)..<Swift.min((worker + 1) * chunkSize, count)
            chunks.fill(worker, with: Result { () throws(Failure) in try self[range].map(transform) })
        }
        var results: [T] = []
        results.reserveCapacity(count)
        for chunk in chunks.values {
            if let chunk { results += try chunk.get() }
        }
        return results
    }
}
