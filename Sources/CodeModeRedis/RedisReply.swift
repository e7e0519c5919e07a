internal import CHiredis

/// One reply from the server, copied out of hiredis's `redisReply` tree.
public enum RedisReply: Equatable, Sendable {
    /// A bulk string (`REDIS_REPLY_STRING`): binary-safe bytes, NUL bytes included.
    case string([UInt8])
    /// A simple string such as `OK`, `QUEUED` or `PONG` (`REDIS_REPLY_STATUS`).
    case status(String)
    /// `REDIS_REPLY_INTEGER`.
    case integer(Int)
    /// `REDIS_REPLY_ARRAY`.
    case array([RedisReply])
    /// A nil bulk string or nil array (`REDIS_REPLY_NIL`), e.g. `GET` of a missing key or an
    /// `EXEC` aborted by `WATCH`.
    case null
    /// An error reply (`REDIS_REPLY_ERROR`), e.g. `WRONGTYPE Operation against a key holding
    /// the wrong kind of value`.
    case error(String)
}

extension RedisReply {
    /// Copies `reply` and its elements; the caller still owns `reply` and frees the top-level
    /// one with `freeReplyObject`. Returns `nil` for a reply type this hiredis does not define.
    init?(copying reply: UnsafePointer<redisReply>) {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STRING: self = .string(Self.bytes(node))
        case REDIS_REPLY_STATUS: self = .status(String(decoding: Self.bytes(node), as: UTF8.self))
        case REDIS_REPLY_ERROR: self = .error(String(decoding: Self.bytes(node), as: UTF8.self))
        case REDIS_REPLY_INTEGER: self = .integer(Int(node.integer))
        case REDIS_REPLY_NIL: self = .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(node.elements)
            for index in 0..<node.elements {
                guard let child = node.element?[index], let element = RedisReply(copying: child) else {
                    return nil
                }
                elements.append(element)
            }
            self = .array(elements)
        default:
            return nil
        }
    }

    /// Exactly `len` bytes: bulk strings may hold NUL bytes, so `String(cString:)` would cut them.
    private static func bytes(_ node: redisReply) -> [UInt8] {
        guard let start = node.str else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: node.len))
    }
}
