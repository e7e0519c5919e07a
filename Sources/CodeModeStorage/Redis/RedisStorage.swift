import CodeModeCore
import CodeModeRedis
import Foundation

/// A skill library in one Redis key prefix, in py-code-mode's layout (see ``RedisKeys``),
/// so Python agents using `RedisStorage(prefix=P)` and CodeMode share it.
///
/// One connection per instance; like the connection, an instance belongs to one thread.
public final class RedisStorage: StorageBackend {
    public let url: RedisURL
    public let keys: RedisKeys
    /// The connection every call of this storage goes through (one thread at a time).
    public let connection: RedisConnection

    public init(url: RedisURL, prefix: String) throws {
        if let problem = Self.problem(withPrefix: prefix) {
            throw StorageError(.invalidInput, "invalid prefix '\(prefix)': \(problem)")
        }
        self.url = url
        self.keys = RedisKeys(prefix: prefix)
        self.connection = try RedisConnection(url: url)
    }

    public var prefix: String { keys.prefix }

    public var location: String { "\(url) (prefix \(prefix))" }

    /// Why `prefix` cannot be used, or nil.
    public static func problem(withPrefix prefix: String) -> String? {
        if prefix.isEmpty { return "the prefix is empty; use a name such as 'myapp' or 'prod'" }
        if prefix.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            return "spaces and control characters are not allowed in a prefix"
        }
        return nil
    }

    /// Runs one command; an error reply becomes a StorageError naming the key (a dead
    /// connection stays a RedisError, which the CLI reports as unreachable).
    @discardableResult
    func run(_ arguments: [[UInt8]], key: String) throws -> RedisReply {
        let reply: RedisReply
        do {
            reply = try connection.command(arguments)
        } catch {
            guard error.kind == .server else { throw error }
            guard error.message.contains("WRONGTYPE") else { throw StorageError(.corrupt, "\(key): \(error.message)") }
            throw StorageError(.corrupt, wrongTypeMessage(key: key, command: arguments.first ?? []))
        }
        return reply
    }

    /// `P:skills:__skills__ holds a string, but CodeMode (and py-code-mode) keep a hash
    /// there; …`: which key, what it holds and what to do.
    private func wrongTypeMessage(key: String, command: [UInt8]) -> String {
        let name = String(decoding: command, as: UTF8.self).uppercased()
        let expected = name.hasPrefix("H") ? "a hash" : name.hasPrefix("S") ? "a set" : "a string"
        var held = "another type"
        if case .status(let type)? = try? connection.command(["TYPE", key].map { Array($0.utf8) }) { held = "a \(type)" }
        return "\(key) holds \(held), but CodeMode (and py-code-mode) keep \(expected) there; if another program wrote it, "
            + "move or delete it (redis-cli DEL \(key)), or use another prefix"
    }

    /// Field → value pairs of the hash at `key` (HGETALL); empty when there is none.
    public func hashEntries(_ key: String) throws -> [(field: [UInt8], value: [UInt8])] {
        try run(command("HGETALL", key), key: key).hashEntries(of: key)
    }
}

extension RedisStorage {
    /// The members of the set at `key` (SMEMBERS); empty when there is none.
    public func setMembers(_ key: String) throws -> [[UInt8]] {
        try run(command("SMEMBERS", key), key: key).members(of: key)
    }
}
