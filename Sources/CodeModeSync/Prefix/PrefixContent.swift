import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage

/// Everything a prefix holds that is synced, read once: each skill (as the blob id of its
/// file) and tool, the blob id of each stored value (what the push compares before it
/// writes), the dependency set, the sync record, and the entries that cannot be read.
struct PrefixContent {
    /// Skill name → the blob id of the file the entry stands for (its source, with the
    /// description written in when the source lacks it).
    var skills: [String: ObjectID] = [:]
    /// The bytes of the skill files rendered by this read: the repository may lack them.
    var renderedSkillFiles: [ObjectID: [UInt8]] = [:]
    /// Tool name → its mapping, as stored.
    var tools: [String: JSONValue] = [:]
    /// The members of `P:deps`, as stored.
    var dependencies: [String] = []
    var record: SyncRecord?
    /// The blob id of every stored value under an item's name, readable or not: what the
    /// push's compare-and-set expects to find before it overwrites or deletes the item.
    var storedValueHashes: [ItemPath: ObjectID] = [:]
    /// Entries that cannot be read; they are reported and left out, the others still count.
    var problems: [LibraryProblem] = []

    /// Reads the prefix in two steps. First, in one round trip: each skill value's blob id
    /// (computed by Redis, so the values stay there), the tools, the dependency set and the
    /// sync record. Then, in pipelined chunks parsed on every core, only the skill values
    /// whose file `cache` does not know, or knows but `isPresent` says the repository lacks.
    /// `isPresent` is asked once the record is known (a fetch's parent depends on it).
    static func read(_ storage: RedisStorage, cache: SkillFileCache, progress: ((Int, Int) -> Void)? = nil,
                     isPresent: (SyncRecord?) throws -> (ObjectID) throws -> Bool) throws -> PrefixContent {
        let keys = storage.keys
        let replies = try storage.connection.pipeline([
            [Array("EVAL".utf8), Array(valueHashesScript.utf8), Array("1".utf8), Array(keys.skills.utf8)],
            [Array("HGETALL".utf8), Array(keys.tools.utf8)],
            [Array("SMEMBERS".utf8), Array(keys.deps.utf8)],
            [Array("HGETALL".utf8), Array(keys.syncRecord.utf8)],
        ])
        var content = PrefixContent()
        content.record = SyncRecord(entries: try pairs(replies[3], key: keys.syncRecord))
        content.readTools(try pairs(replies[1], key: keys.tools), key: keys.tools)
        content.readDependencies(try strings(replies[2], key: keys.deps), key: keys.deps)

        let present = try isPresent(content.record)
        var misses: [[UInt8]] = []
        for (field, hashText) in try pairs(replies[0], key: keys.skills) {
            let name = String(decoding: field, as: UTF8.self)
            guard let valueHash = ObjectID(hex: String(decoding: hashText, as: UTF8.self)) else {
                throw SyncError(.failed, "\(storage.location): unexpected reply to the value-hash script")
            }
            if !name.contains("/") { content.storedValueHashes[.skill(name)] = valueHash }
            if let reason = SkillName.problem(with: name) {
                content.problems.append(LibraryProblem(path: "\(keys.skills)[\(name)]", message: "invalid skill name: \(reason); rename or delete the entry"))
            } else if let file = cache.file(forValue: valueHash), try present(file) {
                content.skills[name] = file
            } else {
                misses.append(field)
            }
        }
        try content.readSkills(misses, from: storage, cache: cache, progress: progress)
        return content
    }

    /// Reads the given skill fields in full and renders their files.
    private mutating func readSkills(_ fields: [[UInt8]], from storage: RedisStorage, cache: SkillFileCache,
                                     progress: ((Int, Int) -> Void)?) throws {
        let key = storage.keys.skills
        let chunks = stride(from: 0, to: fields.count, by: 256).map { Array(fields[$0..<min($0 + 256, fields.count)]) }
        var values: [(field: [UInt8], value: [UInt8])] = []
        try storage.connection.pipeline(chunks.map { [Array("HMGET".utf8), Array(key.utf8)] + $0 }, window: 4) { index, reply in
            guard case .array(let items) = reply else { return }
            for (field, item) in zip(chunks[index], items) {
                // A field deleted since its hash was read is simply gone.
                if case .string(let value) = item { values.append((field, value)) }
            }
            progress?(min((index + 1) * 256, fields.count), fields.count)
        }
        let rendered = values.concurrentMap { field, value -> (String, ObjectID, Result<[UInt8], LibraryProblem>) in
            let name = String(decoding: field, as: UTF8.self)
            let hash = ObjectID.blobID(for: value)
            do {
                return (name, hash, .success(Array(try SkillWireFormat.fileContent(of: SkillWireFormat.decode(value)).utf8)))
            } catch {
                return (name, hash, .failure(LibraryProblem(path: "\(key)[\(name)]", message: "corrupt entry: \(error); rewrite it (codemode push --force) or delete it")))
            }
        }
        for (name, valueHash, result) in rendered {
            // The value read now is what a push must expect, even if it changed since its hash.
            storedValueHashes[.skill(name)] = valueHash
            switch result {
            case .success(let bytes):
                let file = ObjectID.blobID(for: bytes)
                skills[name] = file
                renderedSkillFiles[file] = bytes
                cache.remember(value: valueHash, file: file)
            case .failure(let problem):
                problems.append(problem)
            }
        }
    }

    private mutating func readTools(_ entries: [(field: [UInt8], value: [UInt8])], key: String) {
        for (field, value) in entries {
            let name = String(decoding: field, as: UTF8.self)
            let place = "\(key)[\(name)]"
            if !name.contains("/") { storedValueHashes[.tool(name)] = ObjectID.blobID(for: value) }
            do {
                let json = try JSONParser.parse(data: value)
                let spec = try ToolSpec(json: json)
                guard spec.name == name else {
                    problems.append(LibraryProblem(path: place, message: "the tool inside is named '\(spec.name)'; store it under that name"))
                    continue
                }
                tools[name] = json
            } catch {
                problems.append(LibraryProblem(path: place, message: "\(error)"))
            }
        }
    }

    private mutating func readDependencies(_ members: [String], key: String) {
        for member in members {
            do {
                dependencies.append(try DependencySpec(validating: member).text)
            } catch {
                problems.append(LibraryProblem(path: key, message: "\(error); remove it with SREM"))
            }
        }
    }

    /// Field → `git hash-object` of its value, for every field of the hash `KEYS[1]`. One
    /// HGET a field: measured faster than one HGETALL, whose whole reply Redis first builds
    /// and then converts for Lua.
    static let valueHashesScript = #"""
    local fields = redis.call("HKEYS", KEYS[1])
    local hashes = {}
    for i, field in ipairs(fields) do
      local value = redis.call("HGET", KEYS[1], field)
      hashes[2 * i - 1] = field
      hashes[2 * i] = redis.sha1hex("blob " .. #value .. "\0" .. value)
    end
    return hashes
    """#

    private static func pairs(_ reply: RedisReply, key: String) throws -> [(field: [UInt8], value: [UInt8])] {
        guard case .array(let items) = reply, items.count % 2 == 0 else { throw unexpected(reply, key: key) }
        return try stride(from: 0, to: items.count, by: 2).map { index in
            guard case .string(let field) = items[index], case .string(let value) = items[index + 1] else { throw unexpected(reply, key: key) }
            return (field, value)
        }
    }

    private static func strings(_ reply: RedisReply, key: String) throws -> [String] {
        guard case .array(let items) = reply else { throw unexpected(reply, key: key) }
        return try items.map { item in
            guard case .string(let bytes) = item else { throw unexpected(reply, key: key) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func unexpected(_ reply: RedisReply, key: String) -> SyncError {
        if case .error(let message) = reply { return SyncError(.failed, "\(key): \(message); is another program using this key?") }
        return SyncError(.failed, "\(key): unexpected reply; is another program using this key?")
    }

    /// Each item's identity.
    var identities: [ItemPath: ObjectID] {
        var identities: [ItemPath: ObjectID] = [:]
        for (name, file) in skills { identities[.skill(name)] = file }
        for (name, tool) in tools { identities[.tool(name)] = ItemIdentity.ofTool(tool) }
        identities[.requirements] = ItemIdentity.ofDependencies(dependencies)
        return identities
    }

    /// The items as files: item → blob id, and the bytes of the files this read rendered
    /// (which the repository may lack). A tool or requirements.txt whose content equals one
    /// of the `candidates` (the same file in the previous snapshot or in HEAD) takes that
    /// file's bytes, so YAML comments, order and layout never show up as a change.
    func files(reusing candidates: [ItemPath: [UInt8]]) -> (blobs: [ItemPath: ObjectID], bytes: [ObjectID: [UInt8]]) {
        var blobs: [ItemPath: ObjectID] = [:]
        var bytes = renderedSkillFiles
        func add(_ item: ItemPath, _ content: [UInt8]) {
            let blob = ObjectID.blobID(for: content)
            blobs[item] = blob
            bytes[blob] = content
        }
        for (name, file) in skills { blobs[.skill(name)] = file }
        for (name, tool) in tools {
            let path = ItemPath.tool(name)
            if let candidate = candidates[path], ItemIdentity.ofFile(candidate, kind: .tool) == ItemIdentity.ofTool(tool) {
                add(path, candidate)
            } else {
                add(path, Array(YAMLWriter.document(tool).utf8))
            }
        }
        let identity = ItemIdentity.ofDependencies(dependencies)
        if let candidate = candidates[.requirements], ItemIdentity.ofFile(candidate, kind: .requirements) == identity {
            add(.requirements, candidate)
        } else if identity != nil {
            add(.requirements, Array(ItemIdentity.dependencyText(dependencies).utf8))
        }
        return (blobs, bytes)
    }
}
