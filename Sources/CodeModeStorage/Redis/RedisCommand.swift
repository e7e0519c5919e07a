import CodeModeRedis

/// Something that can be one argument of a Redis command.
protocol RedisArgument {
    var redisBytes: [UInt8] { get }
}

extension String: RedisArgument {
    var redisBytes: [UInt8] { Array(utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    var redisBytes: [UInt8] { self }
}

extension Int: RedisArgument {
    var redisBytes: [UInt8] { Array(String(self).utf8) }
}

/// `command("HSET", key, field, value)` → the argument vector hiredis sends.
func command(_ arguments: any RedisArgument...) -> [[UInt8]] {
    arguments.map(\.redisBytes)
}

extension RedisReply {
    /// Field → value pairs of an HGETALL reply.
    func hashEntries(of key: String) throws -> [(field: [UInt8], value: [UInt8])] {
        guard case .array(let items) = self, items.count % 2 == 0 else {
            throw StorageError(.corrupt, "\(key): expected a hash; is another program using this key?")
        }
        var entries: [(field: [UInt8], value: [UInt8])] = []
        entries.reserveCapacity(items.count / 2)
        var index = 0
        while index < items.count {
            guard case .string(let field) = items[index], case .string(let value) = items[index + 1] else {
                throw StorageError(.corrupt, "\(key): unexpected reply to HGETALL")
            }
            entries.append((field, value))
            index += 2
        }
        return entries
    }

    /// The members of an SMEMBERS reply.
    func members(of key: String) throws -> [[UInt8]] {
        guard case .array(let items) = self else {
            throw StorageError(.corrupt, "\(key): expected a set; is another program using this key?")
        }
        return try items.map {
            guard case .string(let member) = $0 else { throw StorageError(.corrupt, "\(key): unexpected reply to SMEMBERS") }
            return member
        }
    }

    /// The bytes of a bulk-string reply, nil for a missing key.
    func bytes(of key: String) throws -> [UInt8]? {
        switch self {
        case .string(let bytes): return bytes
        case .null: return nil
        case .error(let message): throw StorageError(.corrupt, "\(key): \(message)")
        default: throw StorageError(.corrupt, "\(key): unexpected reply")
        }
    }

    var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
