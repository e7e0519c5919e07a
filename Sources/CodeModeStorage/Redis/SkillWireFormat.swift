import CodeModeCore

/// The value of one field of py-code-mode's skills hash (`P:skills:__skills__`):
/// `{"name", "description", "source", "parameters"}`, written exactly as Python's
/// `json.dumps` writes it, so the bytes are the same whichever side wrote them.
public enum SkillWireFormat {
    public static func encode(_ skill: Skill) -> [UInt8] {
        var out: [UInt8] = []
        // Escaping makes typical source about a quarter longer.
        out.reserveCapacity(skill.source.utf8.count * 3 / 2 + 256)
        PythonJSONEncoder().write(.object([
            JSONMember("name", .string(skill.name.rawValue)),
            JSONMember("description", .string(skill.description)),
            JSONMember("source", .string(skill.source)),
            JSONMember("parameters", .array(skill.parameters.map(\.jsonValue))),
        ]), into: &out)
        return out
    }

    /// A stored entry as read, before it becomes a skill.
    public struct Entry: Sendable, Equatable {
        /// The `name` inside the JSON (py-code-mode lists the skill under this one).
        public var name: String
        public var description: String
        public var source: String
    }

    /// The string fields `decode` reads, in the order of its result.
    private static let readFields = ["name", "description", "source"]

    /// Reads an entry; `parameters` is ignored (it is recomputed from the source, as
    /// py-code-mode does). Throws a message naming what is missing.
    public static func decode(_ bytes: [UInt8]) throws -> Entry {
        let members: [String?]?
        do {
            members = try bytes.withUnsafeBufferPointer { try JSONParser.stringMembers(readFields, ofObject: $0) }
        } catch {
            throw WireFormatError("the value is not valid JSON (\(error))")
        }
        guard let members else { throw WireFormatError("the value is not a JSON object") }
        guard let name = members[0], let description = members[1], let source = members[2] else {
            let missing = zip(readFields, members).filter { $0.1 == nil }.map { "'\($0.0)'" }
            throw WireFormatError("the JSON lacks the string field(s) \(missing.joined(separator: ", "))")
        }
        return Entry(name: name, description: description, source: source)
    }

    /// The skill file an entry stands for: its source, with the stored description written
    /// in as the module docstring when the source does not carry it (entries written by
    /// py-code-mode with an explicit description). This is what `pull` writes and what
    /// `diff` compares, so a pull followed by a diff shows no change.
    public static func fileContent(of entry: Entry) throws -> String {
        // Entries CodeMode wrote carry their description in their module docstring; checking
        // that reads only the first statement.
        guard !entry.description.isEmpty, SkillSourceReader.moduleDescription(entry.source) != entry.description else {
            return entry.source
        }
        return try ModuleDocstringWriter.setting(description: entry.description, in: entry.source)
    }
}

/// A stored value that is not in the expected shape.
public struct WireFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
