import Dispatch
import Foundation

extension Array {
    /// `map` spread over the machine's cores, in contiguous chunks, keeping the order.
    /// For CPU-bound work on many independent items (reading thousands of skill files).
    public func concurrentMap<T>(_ transform: (Element) throws -> T) rethrows -> [T] {
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / 64 + 1)
        guard workers > 1 else { return try map(transform) }
        let chunkSize = (count + workers - 1) / workers
        return try withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) var chunks = [Result<[T], any Error>?](repeating: nil, count: workers)
            nonisolated(unsafe) let transform = transform
            self.withUnsafeBufferPointer { elements in
                nonisolated(unsafe) let elements = elements
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let range = (worker * chunkSize)..<Swift.min((worker + 1) * chunkSize, elements.count)
                    chunks[worker] = Result { try elements[range].map(transform) }
                }
            }
            var results: [T] = []
            results.reserveCapacity(count)
            for chunk in chunks {
                switch chunk {
                case .success(let values): results += values
                case .failure(let error): throw error
                case nil: break
                }
            }
            return results
        }
    }
}
