import CodeModeCore
import CodeModeRedis

/// py-code-mode's store CLI wrote `--prefix P` data to `P:__skills__` and `P:__tools__`,
/// where no session reads it (COMPAT appendix §1.1). These find and move such data.
extension RedisStorage {
    /// The legacy keys that exist for this prefix.
    public func legacyKeys() throws -> [String] {
        let candidates = [keys.legacySkills, keys.legacyTools]
        let replies = try connection.pipeline(candidates.map { command("EXISTS", $0) })
        return zip(candidates, replies).filter { $0.1.integerValue == 1 }.map(\.0)
    }

    /// Moves the legacy hashes into the layout sessions read, in one MULTI/EXEC: the legacy
    /// keys are gone and the entries are in place, or nothing happened. An entry that
    /// exists on both sides with different values is refused unless `force` (the legacy
    /// value then wins).
    public func migrateLegacyKeys(force: Bool) throws -> TransferReport {
        let moves = [(from: keys.legacySkills, to: keys.skills), (from: keys.legacyTools, to: keys.tools)]
        for _ in 0..<Self.transactionAttempts {
            var report = TransferReport()
            var conflicts: [String] = []
            let replies = try connection.transaction(watching: moves.flatMap { [$0.from, $0.to] }) { connection in
                var commands: [[[UInt8]]] = []
                for move in moves {
                    let legacy = try connection.command(command("HGETALL", move.from)).hashEntries(of: move.from)
                    guard !legacy.isEmpty else { continue }
                    var current: [String: [UInt8]] = [:]
                    for entry in try connection.command(command("HGETALL", move.to)).hashEntries(of: move.to) {
                        current[String(decoding: entry.field, as: UTF8.self)] = entry.value
                    }
                    var writes: [(field: String, value: [UInt8])] = []
                    for (fieldBytes, value) in legacy {
                        let field = String(decoding: fieldBytes, as: UTF8.self)
                        switch current[field] {
                        case nil: report.added.append("\(move.to)[\(field)]"); writes.append((field, value))
                        case value: report.unchanged.append("\(move.to)[\(field)]")
                        default:
                            conflicts.append("\(move.to)[\(field)]")
                            report.updated.append("\(move.to)[\(field)]")
                            writes.append((field, value))
                        }
                    }
                    commands += Self.chunkedHSET(key: move.to, writes)
                    commands.append(command("DEL", move.from))
                    report.removed.append(move.from)
                }
                // Refusing here sends no MULTI at all, so the watched keys stay as they were.
                if !force && !conflicts.isEmpty { return [] }
                return commands
            }
            if !force && !conflicts.isEmpty {
                throw StorageError(.alreadyExists, "\(conflicts.count) entr(y/ies) exist in both layouts with different values: \(conflicts.prefix(10).joined(separator: ", ")) — nothing was moved; run with --force to let the legacy values win")
            }
            if replies != nil { return report }
        }
        throw StorageError(.io, "\(location): the keys kept changing during the migration; try again")
    }
}
