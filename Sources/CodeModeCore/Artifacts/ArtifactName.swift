/// A valid artifact name: a relative path inside the artifacts folder (sub-folders allowed),
/// and the suffix of the Redis key `P:artifacts:<name>`; at most 128 characters in all.
public struct ArtifactName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Names the stores use for their own bookkeeping.
    public static let reservedNames: Set<String> = [".artifacts.json", ".artifacts.json.lock", "__index__"]

    public init(validating name: String) throws {
        if let reason = Self.problem(with: name) {
            throw ArtifactNameError(name: name, reason: reason)
        }
        rawValue = name
    }

    public var description: String { rawValue }

    /// The path components, e.g. `["reports", "2026.json"]`.
    public var components: [Substring] { rawValue.split(separator: "/") }

    public static func < (lhs: ArtifactName, rhs: ArtifactName) -> Bool { lhs.rawValue < rhs.rawValue }

    public static func problem(with name: String) -> String? {
        if let tooLong = NameLength.problem(with: name, kind: "artifact") { return tooLong }
        if name.isEmpty { return "the name is empty" }
        if name.utf8.contains(0) || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "the name contains control characters"
        }
        if name.hasPrefix("/") { return "absolute paths are not allowed; use a path relative to the artifacts folder" }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0 == ".." }) {
            return "'..' would leave the artifacts folder; use a path inside it"
        }
        if parts.contains(where: { $0.isEmpty || $0 == "." }) {
            return "empty or '.' path segments are not allowed (write 'a/b', not 'a//b', 'a/./b' or 'a/')"
        }
        if let reserved = parts.first(where: { reservedNames.contains(String($0)) }) {
            return "'\(reserved)' is used by the artifact index; pick another name"
        }
        return nil
    }
}

/// An artifact name that would escape the artifacts folder or clash with the index.
public struct ArtifactNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "invalid artifact name '\(NameLength.shortened(name))': \(reason)" }
}
