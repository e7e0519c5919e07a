import CodeModeCore
import Foundation

extension FileStorage {
    /// Every skill of the folder. The first call reads them all; later calls on the same
    /// storage read only the files that changed since (the kernel tells which), so a session
    /// lists 100,000 skills again in milliseconds.
    public var skillsVersion: Int? { skillIndex.withLock { $0?.version } }

    public func listSkills() throws -> SkillListing {
        try skillIndex.withLock { index in
            if let current = index, current.refresh() { return current.listing }
            index = try SkillFolderIndex(path: skillsPath, displayPrefix: "skills/")
            return try index?.listing ?? SkillFolder.readSkills(in: skillsPath, displayPrefix: "skills/")
        }
    }

    public func skill(named name: SkillName) throws -> Skill? {
        let path = skillPath(name)
        guard FileIO.exists(path) else { return nil }
        switch readSkillFile("\(name).py") {
        case .success(let skill): return skill
        case .failure(let problem): throw StorageError(.corrupt, problem.description)
        }
    }

    public func saveSkill(_ name: SkillName, source: String, description: String?, replacing: Bool) throws -> SkillSaveOutcome {
        let skill = try SkillPreparation.prepare(name, source: source, description: description)
        let path = skillPath(name)
        let newBytes = Array(skill.source.utf8)
        let oldBytes = try FileIO.read(path)
        if oldBytes == newBytes { return SkillSaveOutcome(change: .unchanged, skill: skill) }
        if oldBytes != nil && !replacing {
            throw StorageError(.alreadyExists, "skill '\(name)' already exists (\(relative(path))); replace it with --force")
        }
        try FileIO.writeAtomically(newBytes, to: path)
        return SkillSaveOutcome(change: oldBytes == nil ? .created : .updated, skill: skill)
    }

    public func deleteSkill(named name: SkillName) throws -> Bool {
        try FileIO.remove(skillPath(name))
    }

    public func skillLocation(_ name: SkillName) -> String { "skills/\(name).py" }

    func skillPath(_ name: SkillName) -> String { "\(skillsPath)/\(name.rawValue).py" }

    /// The `*.py` files directly in `skills/`, sorted.
    func skillFileNames() throws -> [String] {
        try SkillFolder.fileNames(in: skillsPath)
    }

    /// Reads one file of `skills/` into a skill, or says why it is not one.
    func readSkillFile(_ fileName: String) -> Result<Skill, LibraryProblem> {
        SkillFolder.readSkill(at: "\(skillsPath)/\(fileName)", displayPath: "skills/\(fileName)")
    }
}

/// Skill files are UTF-8 text without a byte-order mark. Python would run a file that starts
/// with one, but a skill's source also travels as text (the Redis skills hash, `skills.get`),
/// where py-code-mode compiles it and U+FEFF is a syntax error; so such a file is refused in
/// one way everywhere files are read (listing, `validate`, a revision, push), never listed
/// by one command and refused by another.
enum SkillFileText {
    struct DecodingProblem: Error {
        var line: Int
        var message: String
    }

    static func decode(_ bytes: [UInt8]) throws -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw DecodingProblem(line: 1, message: "the file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM "
                + "(a skill's source is also stored as text, where py-code-mode cannot compile the mark)")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var validPrefix = bytes.count
        // Find the first byte where decoding fails, to point at its line.
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                break decoding
            case .error:
                validPrefix = offset
                break decoding
            }
        }
        let line = bytes[..<validPrefix].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        throw DecodingProblem(line: line, message: "the file is not valid UTF-8 (byte \(validPrefix + 1)); save it as UTF-8")
    }
}
