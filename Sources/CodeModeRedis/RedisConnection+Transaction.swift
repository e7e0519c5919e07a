extension RedisConnection {
    /// Optimistic locking with `WATCH`/`MULTI`/`EXEC`: watches `keys`, runs `body` (which may
    /// read through the connection it is given and returns the commands to apply), then sends
    /// `MULTI`, those commands and `EXEC` in one round trip.
    ///
    /// - Returns: the replies of the queued commands, in order, or `nil` when `EXEC` was
    ///   aborted because a watched key changed after `WATCH` — nothing was applied; read again
    ///   and retry. A command that fails while `EXEC` runs (say `WRONGTYPE`) appears as
    ///   `.error` in its place; Redis does not roll the others back.
    /// - Throws: `.server` when the server discarded the transaction (`EXECABORT`, e.g. an
    ///   unknown command was queued), naming the rejected command; whatever `body` throws,
    ///   after an `UNWATCH`; connection errors.
    /// - Parameter window: as for `pipeline(_:window:eachReply:)`; a small one lets the server
    ///   take in a large command while the next is being prepared.
    public func transaction(watching keys: [String], window: Int = .max,
                            _ body: (RedisConnection) throws -> [[[UInt8]]]) throws -> [RedisReply]? {
        if !keys.isEmpty {
            try command((["WATCH"] + keys).map { Array($0.utf8) })
        }
        let queued: [[[UInt8]]]
        do {
            queued = try body(self)
        } catch {
            // Leave no watch behind for the next transaction on this connection.
            if !isBroken { _ = try? command("UNWATCH") }
            throw error
        }
        let replies = try pipeline([[Array("MULTI".utf8)]] + queued + [[Array("EXEC".utf8)]], window: window)
        if case .error(let message) = replies[0] {
            throw replyError(message, to: [Array("MULTI".utf8)])
        }
        switch replies[replies.count - 1] {
        case .array(let results):
            return results
        case .null:
            return nil
        case .error(let message):
            throw discarded(message, queued: queued, replies: replies.dropFirst().dropLast())
        case let other:
            throw RedisError(kind: .protocolViolation, message: "\(url): EXEC answered \(other) instead of an array")
        }
    }

    /// The error for an `EXEC` that failed as a whole, naming the queued command the server
    /// rejected (its reply to the command itself, instead of `QUEUED`).
    private func discarded(_ message: String, queued: [[[UInt8]]],
                           replies: ArraySlice<RedisReply>) -> RedisError {
        for (command, reply) in zip(queued, replies) {
            if case .error(let rejection) = reply {
                let cause = replyError(rejection, to: command)
                return RedisError(kind: .server, message: "\(cause.message) — so the transaction was discarded (\(message))")
            }
        }
        return replyError(message, to: [Array("EXEC".utf8)])
    }
}
