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
    /// Values whose file is not their source (py-code-mode stores a description beside a
    /// source without one; the file carries it as its docstring), by their blob id: a push
    /// would write such a skill differently, so a fetch keeps the value itself for `restore`.
    var verbatimValues: [ObjectID: [UInt8]] = [:]
    /// Tool name → its mapping, as stored.
    var tools: [String: JSONValue] = [:]
    /// The members of `P:deps` that are valid specs.
    var dependencies: [String] = []
    /// How many members `P:deps` has, valid or not.
    var storedDependencyCount = 0
    var record: SyncRecord?
    /// The blob id of every stored value under an item's name, readable or not: what the
    /// push's compare-and-set expects to find before it overwrites or deletes the item.
    var storedValueHashes: [ItemPath: ObjectID] = [:]
    /// Entries that cannot be read; they are reported and left out, the others still count.
    var problems: [LibraryProblem] = []

    /// Reads the prefix: first, in one round trip, the tools, the dependency set and the sync
    /// record; then every skill value, in pipelined chunks hashed on every core as they
    /// arrive (Redis sends them far faster than it could hash them itself). Only values
    /// `cache` does not know are decoded and rendered; a known one stands for its file when
    /// `isPresent` — asked once the values are in, with the record, as a fetch's parent
    /// depends on it — says the repository has that file.
    static func read(_ storage: RedisStorage, cache: SkillFileCache, progress: ((Int, Int) -> Void)? = nil,
                     isPresent: (SyncRecord?) throws -> (ObjectID) throws -> Bool) throws -> PrefixContent {
        let keys = storage.keys
        let replies = try storage.connection.pipeline([
            [Array("HGETALL".utf8), Array(keys.tools.utf8)],
            [Array("SMEMBERS".utf8), Array(keys.deps.utf8)],
            [Array("HGETALL".utf8), Array(keys.syncRecord.utf8)],
        ])
        var content = PrefixContent()
        content.record = SyncRecord(entries: try pairs(replies[2], key: keys.syncRecord))
        content.readTools(try pairs(replies[0], key: keys.tools), key: keys.tools)
        content.readDependencies(try strings(replies[1], key: keys.deps), key: keys.deps)
        let known = cache.files
        let entries = try storage.mapSkillEntries { field, value in StoredSkill(field: field, value: value, known: known, key: keys.skills) }
        progress?(entries.count, entries.count)
        let present = try isPresent(content.record)
        for entry in entries {
            if let note = entry.note { content.problems.append(note) }
            if !entry.name.contains("/") { content.storedValueHashes[.skill(entry.name)] = entry.valueHash }
            var file = entry.file
            if case .remembered(let id, let value) = file, try !present(id) {
                file = StoredSkill.render(value, name: entry.name, key: keys.skills)
            }
            switch file {
            case .remembered(let id, _):
                content.skills[entry.name] = id
            case .rendered(let bytes, let verbatimValue):
                let id = ObjectID.blobID(for: bytes)
                content.skills[entry.name] = id
                content.renderedSkillFiles[id] = bytes
                if let verbatimValue { content.verbatimValues[entry.valueHash] = verbatimValue }
                cache.remember(value: entry.valueHash, file: id)
            case .unreadable(let problem):
                content.problems.append(problem)
            }
        }
        return content
    }

    private mutating func readTools(_ entries: [(field: [UInt8], value: [UInt8])], key: String) {
        for (field, value) in entries {
            let name = String(decoding: field, as: UTF8.self)
            let place = "\(key)[\(NameLength.shortened(name))]"
            if !name.contains("/") { storedValueHashes[.tool(name)] = ObjectID.blobID(for: value) }
            do {
                let json = try JSONParser.parse(data: value)
                let spec = try ToolSpec(json: json)
                guard spec.name == name else {
                    problems.append(LibraryProblem(path: place, message: "the tool inside is named '\(spec.name)'; store it under that name (left out)"))
                    continue
                }
                tools[name] = json
            } catch {
                problems.append(LibraryProblem(path: place, message: "\(error) (left out)"))
            }
        }
    }

    private mutating func readDependencies(_ members: [String], key: String) {
        storedDependencyCount = members.count
        for member in members {
            do {
                dependencies.append(try DependencySpec(validating: member).text)
            } catch {
                problems.append(LibraryProblem(path: key, message: "\(error); remove it with SREM (left out)"))
            }
        }
    }

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

/// One entry of the skills hash as read: its value's blob id and the file it stands for.
private struct StoredSkill: Sendable {
    enum File: Sendable {
        /// A file the cache knows for this value; the value is kept in case the repository
        /// turns out to lack that file.
        case remembered(ObjectID, value: [UInt8])
        /// The file, and the value itself when the file is not its source as stored.
        case rendered([UInt8], verbatimValue: [UInt8]?)
        case unreadable(LibraryProblem)
    }

    var name: String
    var valueHash: ObjectID
    var file: File
    /// Said of a readable entry: its JSON names another skill than its field.
    var note: LibraryProblem?

    /// Runs on any core, as the entry arrives.
    init(field: [UInt8], value: [UInt8], known: [ObjectID: ObjectID], key: String) {
        name = String(decoding: field, as: UTF8.self)
        valueHash = ObjectID.blobID(for: value)
        if let reason = SkillName.problem(with: name) {
            file = .unreadable(LibraryProblem(path: "\(key)[\(NameLength.shortened(name))]", message: "invalid skill name: \(reason); rename or delete the entry (left out)"))
        } else if let id = known[valueHash] {
            file = .remembered(id, value: value)
        } else {
            file = Self.render(value, name: name, key: key)
        }
        note = Self.nameMismatch(value, field: name, key: key)
    }

    /// py-code-mode lists an entry under the name inside its JSON, CodeMode under its field;
    /// when they differ, that is said each time the entry is read. The JSON is parsed only
    /// when it does not start the way every writer starts it, with the field's name.
    static func nameMismatch(_ value: [UInt8], field: String, key: String) -> LibraryProblem? {
        guard !value.starts(with: Array("{\"name\": \"\(field)\", ".utf8)),
              let inside = try? SkillWireFormat.decode(value).name, inside != field else { return nil }
        let (json, stored) = (NameLength.shortened(inside), NameLength.shortened(field))
        return LibraryProblem(path: "\(key)[\(stored)]", message: "the JSON inside names the skill '\(json)'; py-code-mode lists it as '\(json)', CodeMode as '\(stored)', the field it is stored under — store it under one name (kept)")
    }

    /// The skill file an entry stands for: its source, with its description written in when
    /// the source lacks it.
    static func render(_ value: [UInt8], name: String, key: String) -> File {
        do {
            let entry = try SkillWireFormat.decode(value)
            let file = try SkillWireFormat.fileContent(of: entry)
            return .rendered(Array(file.utf8), verbatimValue: file == entry.source ? nil : value)
        } catch {
            return .unreadable(LibraryProblem(path: "\(key)[\(NameLength.shortened(name))]", message: "corrupt entry: \(error); rewrite it (codemode push --force) or delete it (left out)"))
        }
    }
}
