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
    /// The deployed commit the sync record named when the plan was made (nil: no record).
    /// Of two concurrent pushes, the second finds it moved and starts over.
    var expectedDeployment: ObjectID?

    /// Runs the script: nil when everything was written, else the items that changed since
    /// they were read (nothing was written then).
    func apply(on connection: RedisConnection, keys: RedisKeys) throws -> [String]? {
        var arguments: [[UInt8]] = [Array("EVAL".utf8), Array(Self.script.utf8), Array("4".utf8),
                                    Array(keys.skills.utf8), Array(keys.tools.utf8), Array(keys.deps.utf8),
                                    Array(keys.syncRecord.utf8), Array((expectedDeployment?.hex ?? "").utf8)]
        arguments.reserveCapacity(fields.count * 3 + recordFields.count * 2 + 32)
        func count(_ number: Int) { arguments.append(Array(String(number).utf8)) }
        for key in [keys.skills, keys.tools] {
            let sets = fields.filter { $0.key == key && $0.value != nil }
            count(sets.count)
            for write in sets {
                arguments += [Array(write.field.utf8), Array((write.expected?.hex ?? "").utf8), write.value ?? []]
            }
            let deletions = fields.filter { $0.key == key && $0.value == nil }
            count(deletions.count)
            for write in deletions {
                arguments += [Array(write.field.utf8), Array((write.expected?.hex ?? "").utf8)]
            }
        }
        if let dependencies {
            count(dependencies.expected.count)
            arguments += dependencies.expected.map { Array($0.utf8) }
            count(dependencies.members.count)
            arguments += dependencies.members.map { Array($0.utf8) }
        } else {
            arguments.append(Array("-".utf8))
        }
        count(recordFields.count)
        for (field, value) in recordFields { arguments += [Array(field.utf8), Array(value.utf8)] }
        count(recordDeletions.count)
        arguments += recordDeletions.map { Array($0.utf8) }

        guard case .array(let reply) = try connection.command(arguments), let first = reply.first else {
            throw SyncError(.failed, "\(connection.url): unexpected reply to the push script")
        }
        if first == .integer(1) { return nil }
        // Stale items come back as "<key number>:<field>", or "deps".
        let labels = Dictionary(fields.map { ("\($0.key == keys.skills ? 1 : 2):\($0.field)", $0.label) }, uniquingKeysWith: { first, _ in first })
        return reply.dropFirst().compactMap { item -> String? in
            guard case .string(let bytes) = item else { return nil }
            let stale = String(decoding: bytes, as: UTF8.self)
            switch stale {
            case "deps": return "requirements.txt"
            case "record": return "the sync record (someone pushed)"
            default: return labels[stale] ?? stale
            }
        }
    }

    /// KEYS: the skills hash, the tools hash, the dependency set, the sync record. ARGV: the
    /// deployed commit the record is expected to name ("" for no record), then, each list
    /// preceded by its length: for each hash, the fields to set (field, expected blob id
    /// or "" for none, value), then the fields to delete (field, expected); the dependency set
    /// ("-", or the expected members then the new ones); the record's fields to set (field,
    /// value) and to delete. A value's blob id is `git hash-object` of it, computed here with
    /// `redis.sha1hex`, so the expected hashes need not carry the old values. Reads and writes
    /// go in batches (HMGET, HSET and HDEL of many fields): one call per field would cost
    /// more than the writes themselves.
    static let script = #"""
    local function blob(value) return redis.sha1hex("blob " .. #value .. "\0" .. value) end
    local batch = 500
    local stale = {0}
    if (redis.call("HGET", KEYS[4], "commit") or "") ~= ARGV[1] then stale[#stale + 1] = "record" end
    local i = 2
    local writes = {}
    for k = 1, 2 do
      local sets, deletions = {}, {}
      local count = tonumber(ARGV[i]); i = i + 1
      for n = 1, count do sets[n] = {ARGV[i], ARGV[i + 1], ARGV[i + 2]}; i = i + 3 end
      count = tonumber(ARGV[i]); i = i + 1
      for n = 1, count do deletions[n] = {ARGV[i], ARGV[i + 1]}; i = i + 2 end
      for _, list in ipairs({sets, deletions}) do
        for first = 1, #list, batch do
          local last = math.min(first + batch - 1, #list)
          local names = {}
          for n = first, last do names[#names + 1] = list[n][1] end
          local current = redis.call("HMGET", KEYS[k], unpack(names))
          for n = first, last do
            local value, expected = current[n - first + 1], list[n][2]
            if (expected == "" and value) or (expected ~= "" and (not value or blob(value) ~= expected)) then
              stale[#stale + 1] = k .. ":" .. list[n][1]
            end
          end
        end
      end
      writes[k] = {sets, deletions}
    end
    local members = nil
    if ARGV[i] == "-" then
      i = i + 1
    else
      local expected = {}
      local count = tonumber(ARGV[i])
      for n = 1, count do expected[ARGV[i + n]] = true end
      i = i + count + 1
      local current = redis.call("SMEMBERS", KEYS[3])
      local same = #current == count
      for _, member in ipairs(current) do if not expected[member] then same = false end end
      if not same then stale[#stale + 1] = "deps" end
      members = {}
      for n = 1, tonumber(ARGV[i]) do members[n] = ARGV[i + n] end
      i = i + #members + 1
    end
    if #stale > 1 then return stale end
    local function each_batch(list, width, call)
      for first = 1, #list, batch do
        local arguments = {}
        for n = first, math.min(first + batch - 1, #list) do
          for w = 1, width do arguments[#arguments + 1] = list[n][w] end
        end
        call(arguments)
      end
    end
    for k = 1, 2 do
      each_batch(writes[k][1], 3, function(arguments)
        local fieldValues = {}
        for n = 1, #arguments, 3 do fieldValues[#fieldValues + 1] = arguments[n]; fieldValues[#fieldValues + 1] = arguments[n + 2] end
        redis.call("HSET", KEYS[k], unpack(fieldValues))
      end)
      each_batch(writes[k][2], 1, function(names) redis.call("HDEL", KEYS[k], unpack(names)) end)
    end
    if members then
      redis.call("DEL", KEYS[3])
      for first = 1, #members, batch do redis.call("SADD", KEYS[3], unpack(members, first, math.min(first + batch - 1, #members))) end
    end
    local record = {}
    local count = tonumber(ARGV[i]); i = i + 1
    for n = 1, count do record[n] = {ARGV[i], ARGV[i + 1]}; i = i + 2 end
    each_batch(record, 2, function(arguments) redis.call("HSET", KEYS[4], unpack(arguments)) end)
    local deletions = {}
    count = tonumber(ARGV[i]); i = i + 1
    for n = 1, count do deletions[n] = {ARGV[i]}; i = i + 1 end
    each_batch(deletions, 1, function(names) redis.call("HDEL", KEYS[4], unpack(names)) end)
    return {1}
    """#
}
