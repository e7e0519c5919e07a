import CodeModeCore
import CodeModeGit
import CodeModeStorage

/// An item's identity is its content, not its bytes (DESIGN.md §2): a skill's file bytes, a
/// tool's mapping (keys in any order, YAML comments and layout aside), the set of normalized
/// dependency specs. Each is hashed as a git blob id of a canonical form, so identities
/// compare across files, commits, Redis values and the sync record.
enum ItemIdentity {
    /// The identity of an item's file content; nil for requirements.txt with no spec at all,
    /// which is the same as no file and as an empty `P:deps`.
    static func ofFile(_ bytes: [UInt8], kind: ItemKind) -> ObjectID? {
        switch kind {
        case .skill:
            return ObjectID.blobID(for: bytes)
        case .tool:
            guard let text = String(validating: bytes, as: UTF8.self), let value = try? YAMLDocument.load(text) else {
                // Not readable: the bytes are all there is to compare (push refuses it anyway).
                return ObjectID.blobID(for: bytes)
            }
            return ofTool(value)
        case .requirements:
            guard let text = String(validating: bytes, as: UTF8.self) else { return ObjectID.blobID(for: bytes) }
            let file = RequirementsFile(text: text)
            guard file.problems.isEmpty else { return ObjectID.blobID(for: bytes) }
            return ofDependencies(file.specs.map(\.text))
        }
    }

    static func ofTool(_ value: JSONValue) -> ObjectID {
        ObjectID.blobID(for: Array(PythonJSONEncoder().encode(value.sortingKeys()).utf8))
    }

    static func ofDependencies(_ specs: [String]) -> ObjectID? {
        guard !specs.isEmpty else { return nil }
        return ObjectID.blobID(for: Array(dependencyText(specs).utf8))
    }

    /// requirements.txt as CodeMode writes it from a set: one spec a line, sorted.
    static func dependencyText(_ specs: [String]) -> String {
        Set(specs).sorted().map { $0 + "\n" }.joined()
    }
}

extension JSONValue {
    /// The same value with every object's members sorted by key, so that two mappings that
    /// differ only in order compare equal.
    func sortingKeys() -> JSONValue {
        switch self {
        case .object(let members):
            return .object(members.map { JSONMember($0.key, $0.value.sortingKeys()) }.sorted { $0.key < $1.key })
        case .array(let items):
            return .array(items.map { $0.sortingKeys() })
        default:
            return self
        }
    }
}
