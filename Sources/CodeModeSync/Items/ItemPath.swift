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
    /// `skills/__init__.py`-style files are not skills.
    public init?(libraryPath path: String) {
        if path == "requirements.txt" {
            self = .requirements
            return
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let file = parts[1]
        if parts[0] == "skills", file.hasSuffix(".py"), file.count > 3, !(file.hasPrefix("__") && file.hasSuffix("__.py")) {
            self.init(path: path, kind: .skill, name: String(file.dropLast(3)))
        } else if parts[0] == "tools", file.hasSuffix(".yaml"), file.count > 5 {
            self.init(path: path, kind: .tool, name: String(file.dropLast(5)))
        } else {
            return nil
        }
    }

    public static func skill(_ name: String) -> ItemPath { ItemPath(path: "skills/\(name).py", kind: .skill, name: name) }
    public static func tool(_ name: String) -> ItemPath { ItemPath(path: "tools/\(name).yaml", kind: .tool, name: name) }

    public var description: String { path }

    public static func < (lhs: ItemPath, rhs: ItemPath) -> Bool { lhs.path < rhs.path }
}
