/// A valid skill name: the file stem of `skills/<name>.py`, the field of the Redis skills hash,
/// and the attribute in `skills.<name>(...)`.
///
/// The rules are the same everywhere (create, save, list, delete, file stems, Redis fields):
/// ASCII `^[A-Za-z_][A-Za-z0-9_]*$` of at most 128 characters, not a Python keyword, not a
/// special name (`__init__`), and not one of the names that the `skills` namespace itself uses.
public struct SkillName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(validating name: String) throws {
        if let reason = Self.problem(with: name) {
            throw SkillNameError(name: name, reason: reason)
        }
        rawValue = name
    }

    public var description: String { rawValue }

    public static func < (lhs: SkillName, rhs: SkillName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Methods of py-code-mode's `skills` namespace; a skill of that name could not be called.
    public static let reservedNames: Set<String> = ["list", "search", "get", "invoke", "create", "delete"]

    /// Python 3 keywords (`keyword.kwlist`); `skills.class(...)` is a syntax error.
    public static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    ]

    /// Why `name` is not a valid skill name, or nil when it is.
    public static func problem(with name: String) -> String? {
        if let tooLong = NameLength.problem(with: name, kind: "skill") { return tooLong }
        guard let first = name.utf8.first else {
            return "the name is empty; use letters, digits and '_', starting with a letter or '_'"
        }
        let isLetterOrUnderscore = { (c: UInt8) in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
        let isDigit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
        guard isLetterOrUnderscore(first), name.utf8.allSatisfy({ isLetterOrUnderscore($0) || isDigit($0) }) else {
            return "use only ASCII letters, digits and '_', starting with a letter or '_' (e.g. '\(suggestion(for: name))')"
        }
        if pythonKeywords.contains(name) {
            return "'\(name)' is a Python keyword; skills.\(name)(...) could not be called — pick another name"
        }
        if reservedNames.contains(name) {
            return "'\(name)' is reserved by the skills namespace (skills.\(name) is a method) — pick another name"
        }
        if isSpecialName(name) {
            return "'\(name)' is a Python special name (skills.\(name) is the namespace's own attribute, and skills/\(name).py is package plumbing, never a skill) — pick another name"
        }
        return nil
    }

    /// `__init__`, `__main__`, …: Python's own names. Such a file in `skills/` is package
    /// plumbing and is left out of every listing without a report; such a Redis field is
    /// reported and left out, so both sides agree that it is not a skill.
    public static func isSpecialName(_ name: some StringProtocol) -> Bool {
        name.hasPrefix("__") && name.hasSuffix("__")
    }

    /// A nearby valid spelling to show in error messages: other characters become '_'.
    private static func suggestion(for name: String) -> String {
        var result = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        })
        if result.first.map({ $0.isNumber }) ?? true { result = "_" + result }
        return result
    }
}

/// A skill name that breaks the naming rules.
public struct SkillNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "invalid skill name '\(NameLength.shortened(name))': \(reason)" }
}
