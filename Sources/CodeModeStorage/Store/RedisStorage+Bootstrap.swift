import CodeModeCore
import CodeModeRedis

/// `codemode store bootstrap`: files → prefix. Reads the prefix once, writes only what
/// differs, and writes it in one MULTI/EXEC guarded by WATCH, so readers see the old set or
/// the new one, never a mix — and an agent writing meanwhile is never overwritten blindly.
extension RedisStorage {
    /// Writes `skills` into the skills hash. With `clear`, entries not in `skills` are
    /// removed in the same transaction (agents never see an empty library).
    public func bootstrapSkills(_ skills: [Skill], clear: Bool, progress: ProgressHandler? = nil) throws -> TransferReport {
        let values = skills.concurrentMap { (field: $0.name.rawValue, value: SkillWireFormat.encode($0)) }
        return try replaceHashEntries(key: keys.skills, with: values, clear: clear, progress: progress)
    }

    /// Writes tool definitions into the tools hash: field = name, value = the JSON of the
    /// whole YAML mapping, as py-code-mode's tool store does.
    public func bootstrapTools(_ tools: [ToolSpec], clear: Bool) throws -> TransferReport {
        let values = tools.map { (field: $0.name, value: Array(PythonJSONEncoder().encode($0.raw).utf8)) }
        return try replaceHashEntries(key: keys.tools, with: values, clear: clear, progress: nil)
    }

    /// Adds specs to the deps set (replacing same-named ones); with `clear`, the set becomes
    /// exactly `specs`, in one transaction.
    public func bootstrapDependencies(_ specs: [DependencySpec], clear: Bool) throws -> TransferReport {
        var report = TransferReport()
        let existing = Set(try run(command("SMEMBERS", keys.deps), key: keys.deps).members(of: keys.deps)
            .map { String(decoding: $0, as: UTF8.self) })
        let wanted = Set(specs.map(\.text))
        let wantedNames = Set(specs.map(\.baseName))
        var commands: [[[UInt8]]] = []
        let stale = existing.filter { member in
            clear ? !wanted.contains(member) : (wantedNames.contains(DependencySpec.baseName(of: member)) && !wanted.contains(member))
        }
        if !stale.isEmpty { commands.append(command("SREM", keys.deps) + stale.sorted().map { Array($0.utf8) }) }
        let new = wanted.subtracting(existing).sorted()
        if !new.isEmpty { commands.append(command("SADD", keys.deps) + new.map { Array($0.utf8) }) }
        if !commands.isEmpty { _ = try connection.transaction(watching: []) { _ in commands } }
        report.added = new
        report.removed = stale.filter { !wantedNames.contains(DependencySpec.baseName(of: $0)) }.sorted()
        report.unchanged = wanted.intersection(existing).sorted()
        return report
    }

    /// How often a transaction is retried when an agent wrote to the key meanwhile.
    static let transactionAttempts = 5

    /// Makes the hash at `key` hold `values` (plus, without `clear`, what it held besides).
    private func replaceHashEntries(key: String, with values: [(field: String, value: [UInt8])], clear: Bool,
                                    progress: ProgressHandler?) throws -> TransferReport {
        for _ in 0..<Self.transactionAttempts {
            var report = TransferReport()
            // Commands of a few hundred fields, two in flight: Redis reads one while the next is formatted.
            let replies = try connection.transaction(watching: [key], window: 2) { connection in
                let current = try connection.command(command("HGETALL", key)).hashEntries(of: key)
                var currentValues: [String: [UInt8]] = [:]
                for entry in current { currentValues[String(decoding: entry.field, as: UTF8.self)] = entry.value }
                var writes: [(field: String, value: [UInt8])] = []
                for (field, value) in values {
                    switch currentValues[field] {
                    case nil: report.added.append(field); writes.append((field, value))
                    case value: report.unchanged.append(field)
                    default: report.updated.append(field); writes.append((field, value))
                    }
                }
                var commands: [[[UInt8]]] = []
                if clear {
                    let kept = Set(values.map(\.field))
                    report.removed = currentValues.keys.filter { !kept.contains($0) }.sorted()
                    if !report.removed.isEmpty { commands.append(command("HDEL", key) + report.removed.map { Array($0.utf8) }) }
                }
                commands += Self.chunkedHSET(key: key, writes)
                return commands
            }
            if replies != nil {
                progress?(values.count, values.count)
                return report
            }
        }
        throw StorageError(.io, "\(location): \(key) kept changing while it was written (\(Self.transactionAttempts) attempts); agents are writing to it — try again")
    }

    /// HSET with many fields per command, so a large set is a few commands, not thousands.
    static func chunkedHSET(key: String, _ writes: [(field: String, value: [UInt8])], fieldsPerCommand: Int = 200) -> [[[UInt8]]] {
        stride(from: 0, to: writes.count, by: fieldsPerCommand).map { start in
            var arguments = command("HSET", key)
            for (field, value) in writes[start..<min(start + fieldsPerCommand, writes.count)] {
                arguments.append(Array(field.utf8))
                arguments.append(value)
            }
            return arguments
        }
    }
}
