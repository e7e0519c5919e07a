import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage

/// Everything a prefix holds that is synced, read once: each skill and tool, the blob id of
/// each stored value (what the push compares before it writes), the dependency set, the
/// sync record, and the entries that cannot be read.
struct PrefixContent {
    /// Skill name → the file the entry stands for (its description written in when needed).
    var skills: [String: [UInt8]] = [:]
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

    /// Reads the prefix: the skills hash in pipelined chunks, parsed on every core, then the
    /// tools, the dependency set and the sync record.
    static func read(_ storage: RedisStorage) throws -> PrefixContent {
        var content = PrefixContent()
        let key = storage.keys.skills
        let entries = try storage.mapSkillEntries { field, value -> (String, ObjectID, Result<[UInt8], LibraryProblem>) in
            let name = String(decoding: field, as: UTF8.self)
            let place = "\(key)[\(name)]"
            let hash = ObjectID.blobID(for: value)
            if let reason = SkillName.problem(with: name) {
                return (name, hash, .failure(LibraryProblem(path: place, message: "invalid skill name: \(reason); rename or delete the entry")))
            }
            do {
                return (name, hash, .success(Array(try SkillWireFormat.fileContent(of: SkillWireFormat.decode(value)).utf8)))
            } catch {
                return (name, hash, .failure(LibraryProblem(path: place, message: "corrupt entry: \(error); rewrite it (codemode push --force) or delete it")))
            }
        }
        for (name, hash, entry) in entries {
            if !name.contains("/") { content.storedValueHashes[.skill(name)] = hash }
            switch entry {
            case .success(let file): content.skills[name] = file
            case .failure(let problem): content.problems.append(problem)
            }
        }
        for (field, value) in try storage.hashEntries(storage.keys.tools) {
            let name = String(decoding: field, as: UTF8.self)
            let place = "\(storage.keys.tools)[\(name)]"
            if !name.contains("/") { content.storedValueHashes[.tool(name)] = ObjectID.blobID(for: value) }
            do {
                let json = try JSONParser.parse(data: value)
                let spec = try ToolSpec(json: json)
                guard spec.name == name else {
                    content.problems.append(LibraryProblem(path: place, message: "the tool inside is named '\(spec.name)'; store it under that name"))
                    continue
                }
                content.tools[name] = json
            } catch {
                content.problems.append(LibraryProblem(path: place, message: "\(error)"))
            }
        }
        for member in try storage.setMembers(storage.keys.deps) {
            let text = String(decoding: member, as: UTF8.self)
            do {
                content.dependencies.append(try DependencySpec(validating: text).text)
            } catch {
                content.problems.append(LibraryProblem(path: storage.keys.deps, message: "\(error); remove it with SREM"))
            }
        }
        content.record = SyncRecord(entries: try storage.hashEntries(storage.keys.syncRecord))
        return content
    }

    /// Each item's identity.
    var identities: [ItemPath: ObjectID] {
        var identities: [ItemPath: ObjectID] = [:]
        for (name, file) in skills { identities[.skill(name)] = ObjectID.blobID(for: file) }
        for (name, tool) in tools { identities[.tool(name)] = ItemIdentity.ofTool(tool) }
        identities[.requirements] = ItemIdentity.ofDependencies(dependencies)
        return identities
    }

    /// The items as files. A tool or requirements.txt whose content equals one of the
    /// `candidates` (the same file in the base or in HEAD) takes that file's bytes, so YAML
    /// comments, order and layout never show up as a change.
    func files(reusing candidates: [ItemPath: [UInt8]]) -> [ItemPath: [UInt8]] {
        var files: [ItemPath: [UInt8]] = [:]
        for (name, file) in skills { files[.skill(name)] = file }
        for (name, tool) in tools {
            let path = ItemPath.tool(name)
            if let candidate = candidates[path], ItemIdentity.ofFile(candidate, kind: .tool) == ItemIdentity.ofTool(tool) {
                files[path] = candidate
            } else {
                files[path] = Array(YAMLWriter.document(tool).utf8)
            }
        }
        let identity = ItemIdentity.ofDependencies(dependencies)
        if let candidate = candidates[.requirements], ItemIdentity.ofFile(candidate, kind: .requirements) == identity {
            files[.requirements] = candidate
        } else if identity != nil {
            files[.requirements] = Array(ItemIdentity.dependencyText(dependencies).utf8)
        }
        return files
    }
}
