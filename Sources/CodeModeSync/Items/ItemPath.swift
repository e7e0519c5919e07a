import CodeModeCore

/// What a synced item is.
public enum ItemKind: String, Sendable, Hashable, Comparable {
    case skill, tool, requirements

    public static func < (lhs: ItemKind, rhs: ItemKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A synced item, by its path inside the library folder: `skills/<name>.py` (a field of
/// `P:skills:__skills__`), `tools/<name>.yaml` (a field of `P:tools:__tools__`) or
/// `requirements.txt` (the set `P:deps`). Artifacts and everything else are not synced.
public struct ItemPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let path: String
    public let kind: ItemKind
    /// The skill or tool name (the field in Redis); `requirements` for requirements.txt.
    public let name: String

    public static let requirements = ItemPath(path: "requirements.txt", kind: .requirements, name: "requirements")

    private init(path: String, kind: ItemKind, name: String) {
        self.path = path
        self.kind = kind
        self.name = name
    }

    /// The item at `path` (relative to the library folder), or nil when the path is not one.
    /// `skills/__init__.py`-style files are not skills. (Called for every file of a tree,
    /// so it looks at bytes rather than splitting the path.)
    public init?(libraryPath path: String) {
        if path == "requirements.txt" {
            self = .requirements
            return
        }
        let bytes = path.utf8
        func name(after folder: String, before suffix: String) -> Substring? {
            guard bytes.count > folder.utf8.count + suffix.utf8.count, bytes.starts(with: folder.utf8),
                  bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) else { return nil }
            let stem = bytes.dropFirst(folder.utf8.count).dropLast(suffix.utf8.count)
            return stem.contains(UInt8(ascii: "/")) ? nil : Substring(stem)
        }
        if let stem = name(after: "skills/", before: ".py") {
            guard !SkillName.isSpecialName(stem) else { return nil }
            self.init(path: path, kind: .skill, name: String(stem))
        } else if let stem = name(after: "tools/", before: ".yaml") {
            self.init(path: path, kind: .tool, name: String(stem))
        } else {
            return nil
        }
    }

    public static func skill(_ name: String) -> ItemPath { ItemPath(path: "skills/\(name).py", kind: .skill, name: name) }
    public static func tool(_ name: String) -> ItemPath { ItemPath(path: "tools/\(name).yaml", kind: .tool, name: name) }

    public var description: String { path }

    public static func < (lhs: ItemPath, rhs: ItemPath) -> Bool { lhs.path < rhs.path }

    // The kind and the name follow from the path, so the path alone is hashed and compared.
    public static func == (lhs: ItemPath, rhs: ItemPath) -> Bool { lhs.path == rhs.path }

    public func hash(into hasher: inout Hasher) { hasher.combine(path) }
}
