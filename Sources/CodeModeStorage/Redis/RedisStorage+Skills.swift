import CodeModeCore
import CodeModeRedis

extension RedisStorage {
    public func listSkills() throws -> SkillListing {
        var skills: [Skill] = []
        var problems: [LibraryProblem] = []
        let entries = try hashEntries(keys.skills).sorted { $0.field.lexicographicallyPrecedes($1.field) }
        for (skill, entryProblems) in entries.concurrentMap({ readEntry(field: $0.field, value: $0.value) }) {
            if let skill { skills.append(skill) }
            problems += entryProblems
        }
        return SkillListing(skills: skills, problems: problems)
    }

    public func skill(named name: SkillName) throws -> Skill? {
        guard let value = try run(command("HGET", keys.skills, name.rawValue), key: keys.skills).bytes(of: keys.skills) else {
            return nil
        }
        let (skill, problems) = readEntry(field: Array(name.rawValue.utf8), value: value)
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
    func readEntry(field: [UInt8], value: [UInt8]) -> (Skill?, [LibraryProblem]) {
        let fieldName = String(decoding: field, as: UTF8.self)
        let path = "\(keys.skills)[\(fieldName)]"
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
            problems.append(LibraryProblem(path: path, message: "the entry's JSON name is '\(entry.name)'; it is listed as '\(fieldName)', the field it is stored under"))
        }
        do {
            return (try Skill(name: name, source: SkillWireFormat.fileContent(of: entry)), problems)
        } catch {
            let line = (error as? SkillSourceError).map(\.line).flatMap { $0 > 0 ? $0 : nil }
            return (nil, problems + [LibraryProblem(path: path, line: line, message: "\(error)")])
        }
    }
}
