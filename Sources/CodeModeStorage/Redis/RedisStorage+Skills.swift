import CodeModeCore
import CodeModeRedis

extension RedisStorage {
    public func listSkills() throws -> SkillListing {
        let keys = self.keys
        var listing = SkillListing(skills: [], problems: [])
        for (skill, problems) in try mapSkillEntries({ Self.readEntry(field: $0, value: $1, keys: keys) }) {
            if let skill { listing.skills.append(skill) }
            listing.problems += problems
        }
        return listing
    }

    /// `transform` applied to every entry of the skills hash, sorted by field. Reads the names
    /// first, then the values in chunks through one pipeline; each chunk is transformed on
    /// another core while the next is still arriving from Redis.
    public func mapSkillEntries<T: Sendable>(_ transform: @escaping @Sendable (_ field: [UInt8], _ value: [UInt8]) -> T) throws -> [T] {
        let key = keys.skills
        let fields = try run(command("HKEYS", key), key: key).members(of: key).sorted { $0.lexicographicallyPrecedes($1) }
        let chunkSize = 256
        let chunks = stride(from: 0, to: fields.count, by: chunkSize).map { Array(fields[$0..<min($0 + chunkSize, fields.count)]) }
        let results = ResultSlots<[T]>(count: chunks.count)
        let jobs = SharedJobs()
        var failure: StorageError?
        // A window of a few chunks: the first values arrive before Redis has gathered them all.
        let reading = Result { () throws(RedisError) in
            try connection.pipeline(chunks.map { command("HMGET", key) + $0 }, window: 4) { index, reply in
                guard case .array(let values) = reply, values.count == chunks[index].count else {
                    failure = StorageError(.corrupt, "\(key): unexpected reply to HMGET; is another program using this key?")
                    return
                }
                let chunk = chunks[index]
                jobs.add {
                    results.fill(index, with: zip(chunk, values).compactMap { field, value in
                        // A field deleted between HKEYS and HMGET is simply gone.
                        guard case .string(let bytes) = value else { return nil }
                        return transform(field, bytes)
                    })
                }
            }
        }
        jobs.finish()
        try reading.get()
        if let failure { throw failure }
        return Array(results.values.compactMap { $0 }.joined())
    }

    public func skill(named name: SkillName) throws -> Skill? {
        guard let value = try run(command("HGET", keys.skills, name.rawValue), key: keys.skills).bytes(of: keys.skills) else {
            return nil
        }
        let (skill, problems) = Self.readEntry(field: Array(name.rawValue.utf8), value: value, keys: keys)
        guard let skill else { throw StorageError(.corrupt, problems.map(\.description).joined(separator: "; ")) }
        return skill
    }

    public func saveSkill(_ name: SkillName, source: String, description: String?, replacing: Bool) throws -> SkillSaveOutcome {
        let skill = try SkillPreparation.prepare(name, source: source, description: description)
        let value = SkillWireFormat.encode(skill)
        let old = try run(command("HGET", keys.skills, name.rawValue), key: keys.skills).bytes(of: keys.skills)
        if old == value { return SkillSaveOutcome(change: .unchanged, skill: skill) }
        if old != nil && !replacing {
            throw StorageError(.alreadyExists, "skill '\(name)' already exists in \(location); replace it with --force")
        }
        try run(command("HSET", keys.skills, name.rawValue, value), key: keys.skills)
        return SkillSaveOutcome(change: old == nil ? .created : .updated, skill: skill)
    }

    public func deleteSkill(named name: SkillName) throws -> Bool {
        try run(command("HDEL", keys.skills, name.rawValue), key: keys.skills).integerValue == 1
    }

    public func skillLocation(_ name: SkillName) -> String { "\(keys.skills)[\(name)]" }

    /// One hash entry as a skill, with a problem for each thing wrong with it. A corrupt or
    /// foreign entry never stops the others from being read.
    static func readEntry(field: [UInt8], value: [UInt8], keys: RedisKeys) -> (Skill?, [LibraryProblem]) {
        let fieldName = String(decoding: field, as: UTF8.self)
        let path = "\(keys.skills)[\(NameLength.shortened(fieldName))]"
        let name: SkillName
        do {
            name = try SkillName(validating: fieldName)
        } catch {
            return (nil, [LibraryProblem(path: path, message: "\(error); rename or delete the entry")])
        }
        let entry: SkillWireFormat.Entry
        do {
            entry = try SkillWireFormat.decode(value)
        } catch {
            return (nil, [LibraryProblem(path: path, message: "corrupt entry: \(error); rewrite it (codemode store bootstrap) or delete it")])
        }
        var problems: [LibraryProblem] = []
        if entry.name != fieldName {
            problems.append(LibraryProblem(path: path, message: "the entry's JSON name is '\(NameLength.shortened(entry.name))'; it is listed as '\(fieldName)', the field it is stored under"))
        }
        do {
            // Most entries carry their description in their source already; only the others
            // need it written in (and read a second time).
            let skill = try Skill(name: name, source: entry.source)
            if entry.description.isEmpty || entry.description == skill.description { return (skill, problems) }
            return (try Skill(name: name, source: SkillWireFormat.fileContent(of: entry)), problems)
        } catch {
            let line = (error as? SkillSourceError).map(\.line).flatMap { $0 > 0 ? $0 : nil }
            return (nil, problems + [LibraryProblem(path: path, line: line, message: "\(error)")])
        }
    }
}
