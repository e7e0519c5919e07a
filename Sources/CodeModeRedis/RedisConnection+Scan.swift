extension RedisConnection {
    /// Every key matching the glob `pattern`, by a full `SCAN` iteration: many short calls
    /// that never block the server the way `KEYS` does. `count` is the hint of how many keys
    /// the server looks at per call.
    ///
    /// `SCAN` may return a key twice (when the server resizes its table mid-scan); each key
    /// appears once here, in the order first seen. Keys added or removed during the scan may
    /// or may not be included.
    /// - Precondition: `count` is positive.
    public func scan(match pattern: String, count: Int = 1000) throws(RedisError) -> [[UInt8]] {
        precondition(count > 0, "the SCAN count hint must be positive")
        let done = Array("0".utf8)
        var cursor = done
        var seen = Set<[UInt8]>()
        var keys: [[UInt8]] = []
        repeat {
            let reply = try command([Array("SCAN".utf8), cursor, Array("MATCH".utf8), Array(pattern.utf8),
                                     Array("COUNT".utf8), Array(String(count).utf8)])
            guard case .array(let parts) = reply, parts.count == 2,
                  case .string(let next) = parts[0], case .array(let batch) = parts[1]
            else {
                throw RedisError(kind: .protocolViolation, message: "\(url): SCAN answered \(reply) instead of [cursor, keys]")
            }
            for item in batch {
                guard case .string(let key) = item else {
                    throw RedisError(kind: .protocolViolation, message: "\(url): SCAN returned \(item) as a key")
                }
                if seen.insert(key).inserted { keys.append(key) }
            }
            cursor = next
        } while cursor != done
        return keys
    }
}
