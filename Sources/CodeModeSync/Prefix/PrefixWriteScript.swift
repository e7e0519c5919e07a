import CodeModeGit
import CodeModeRedis
import CodeModeStorage

/// The one atomic step of a push: a Lua script that checks that every item it touches still
/// holds what the plan was computed from, then writes the items and the sync record — all of
/// it or, when anything it touches changed meanwhile, nothing (DESIGN.md §2).
///
/// Only the touched fields are compared, so an agent writing *other* skills never makes a
/// push fail, and a busy agent cannot starve it the way a `WATCH` on the whole hash would.
/// Redis runs a script alone, and replicates and logs (AOF) its writes as one transaction,
/// so the prefix is always wholly old or wholly new.
struct PrefixWrite {
    /// One field of the skills or tools hash.
    struct FieldWrite {
        var key: String
        var field: String
        /// The blob id of the value the plan saw, or nil when it saw none.
        var expected: ObjectID?
        /// The new value; nil deletes the field.
        var value: [UInt8]?
        /// The item, for the report of what changed meanwhile.
        var label: String
    }

    /// The dependency set, replaced whole.
    struct SetWrite {
        var expected: [String]
        var members: [String]
    }

    var fields: [FieldWrite] = []
    var dependencies: SetWrite?
    var recordFields: [(String, String)] = []
    var recordDeletions: [String] = []

    /// Runs the script: nil when everything was written, else the items that changed since
    /// they were read (nothing was written then).
    func apply(on connection: RedisConnection, keys: RedisKeys) throws -> [String]? {
        var arguments: [[UInt8]] = [Array("EVAL".utf8), Array(Self.script.utf8), Array("4".utf8),
                                    Array(keys.skills.utf8), Array(keys.tools.utf8), Array(keys.deps.utf8),
                                    Array(keys.syncRecord.utf8)]
        arguments.append(Array(String(fields.count).utf8))
        for write in fields {
            arguments.append(Array(write.key.utf8))
            arguments.append(Array(write.field.utf8))
            arguments.append(Array((write.expected?.hex ?? "").utf8))
            arguments.append(write.value ?? [])
            arguments.append(Array((write.value == nil ? "delete" : "set").utf8))
            arguments.append(Array(write.label.utf8))
        }
        if let dependencies {
            arguments.append(Array(String(dependencies.expected.count).utf8))
            arguments += dependencies.expected.map { Array($0.utf8) }
            arguments.append(Array(String(dependencies.members.count).utf8))
            arguments += dependencies.members.map { Array($0.utf8) }
        } else {
            arguments.append(Array("-".utf8))
        }
        arguments.append(Array(String(recordFields.count).utf8))
        for (field, value) in recordFields {
            arguments.append(Array(field.utf8))
            arguments.append(Array(value.utf8))
        }
        arguments.append(Array(String(recordDeletions.count).utf8))
        arguments += recordDeletions.map { Array($0.utf8) }

        guard case .array(let reply) = try connection.command(arguments), let first = reply.first else {
            throw SyncError(.failed, "\(connection.url): unexpected reply to the push script")
        }
        if first == .integer(1) { return nil }
        return reply.dropFirst().compactMap { if case .string(let label) = $0 { String(decoding: label, as: UTF8.self) } else { nil } }
    }

    /// KEYS: the skills hash, the tools hash, the dependency set, the sync record. ARGV: the
    /// field writes (key, field, expected blob id or "", value, "set"/"delete", label); the
    /// dependency set ("-", or expected members and new members, each counted); the record
    /// fields to set and to delete. A value's blob id is `git hash-object` of it, computed here
    /// with `redis.sha1hex`, so the expected hashes need not carry the old values.
    static let script = #"""
    local function blob(value) return redis.sha1hex("blob " .. #value .. "\0" .. value) end
    local record = KEYS[4]
    local i = 1
    local stale = {0}
    local writes = {}
    for n = 1, tonumber(ARGV[i]) do
      local key, field, expected = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
      if key ~= KEYS[1] and key ~= KEYS[2] then return redis.error_reply("push script: unexpected key " .. key) end
      local current = redis.call("HGET", key, field)
      if (expected == "" and current) or (expected ~= "" and (not current or blob(current) ~= expected)) then
        table.insert(stale, ARGV[i + 6])
      end
      writes[n] = {key, field, ARGV[i + 4], ARGV[i + 5]}
      i = i + 6
    end
    i = i + 1
    local members = nil
    if ARGV[i] ~= "-" then
      local expected = {}
      local count = tonumber(ARGV[i])
      for n = 1, count do expected[ARGV[i + n]] = true end
      i = i + count + 1
      local current = redis.call("SMEMBERS", KEYS[3])
      local same = #current == count
      for _, member in ipairs(current) do if not expected[member] then same = false end end
      if not same then table.insert(stale, "requirements.txt") end
      members = {}
      for n = 1, tonumber(ARGV[i]) do members[n] = ARGV[i + n] end
      i = i + #members
    end
    if #stale > 1 then return stale end
    for _, write in ipairs(writes) do
      if write[4] == "delete" then redis.call("HDEL", write[1], write[2]) else redis.call("HSET", write[1], write[2], write[3]) end
    end
    if members then
      redis.call("DEL", KEYS[3])
      for _, member in ipairs(members) do redis.call("SADD", KEYS[3], member) end
    end
    i = i + 1
    for n = 1, tonumber(ARGV[i]) do redis.call("HSET", record, ARGV[i + 2 * n - 1], ARGV[i + 2 * n]) end
    i = i + 2 * tonumber(ARGV[i]) + 1
    for n = 1, tonumber(ARGV[i]) do redis.call("HDEL", record, ARGV[i + n]) end
    return {1}
    """#
}
