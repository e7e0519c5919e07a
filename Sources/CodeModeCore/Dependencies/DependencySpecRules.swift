/// The validation rules for dependency specs, checked in order; the first one broken
/// gives the reason.
///
/// Order follows py-code-mode's `_validate_package_name` (COMPAT.md §6.1): empty, control
/// characters, length, blocked characters, shell metacharacters, grammar. Two checks are
/// added before the grammar so that common mistakes get a message that says what to do:
/// a leading `-` (pip options such as `-e .`) and whitespace inside the spec. Both inputs
/// fail py-code-mode's grammar regex too, except whitespace after an operator, which is
/// the fix: py-code-mode stores `pandas>= 2.0` but cannot install it.
enum DependencySpecRules {
    static let maxLength = 256

    /// Characters that turn a requirement into a URL, a direct reference or a marker.
    private static let blockedCharacters: Set<Character> = ["@", ";", "(", ")"]
    /// py-code-mode's shell metacharacters ``[;|&`$()]`` less those already blocked.
    private static let shellMetacharacters: Set<Character> = ["|", "&", "`", "$"]
    /// Characters next to which whitespace is clearly a typo, so removing it is a safe suggestion.
    private static let operatorCharacters: Set<Character> = ["<", ">", "=", "!", "~", ",", "[", "]"]

    static func firstViolation(in spec: String) -> String? {
        if spec.isEmpty {
            return "empty requirement; write a package name such as 'requests'"
        }
        if let control = spec.unicodeScalars.first(where: isForbiddenControl) {
            let shown = String(control).escapingControlCharacters()
            return "contains the control character '\(shown)'; write one requirement per line"
        }
        let length = spec.unicodeScalars.count
        if length > maxLength {
            return "too long (\(length) characters, at most \(maxLength))"
        }
        if spec.hasPrefix("-") {
            return "editable installs and pip options are not supported; "
                + "list package names with optional version specifiers"
        }
        if let blocked = spec.first(where: blockedCharacters.contains) {
            return "contains '\(blocked)': URLs, environment markers and direct references are not "
                + "supported; list a package name with optional version specifiers, e.g. 'requests>=2.31'"
        }
        if let meta = spec.first(where: shellMetacharacters.contains) {
            return "contains the shell metacharacter '\(meta)', which is not allowed in a requirement"
        }
        if spec.contains(where: \.isWhitespace) {
            return whitespaceViolation(spec)
        }
        return grammarViolation(spec)
    }

    /// Tabs count as whitespace (reported by the whitespace rule); every other control
    /// character, including line breaks and NUL, is refused here.
    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && scalar.properties.generalCategory == .control
    }

    private static func whitespaceViolation(_ spec: String) -> String {
        let message = "spaces are not allowed inside a requirement; "
        let joined = String(spec.filter { !$0.isWhitespace })
        if onlyAroundOperators(spec), grammarViolation(joined) == nil {
            return message + "write '\(joined)'"
        }
        return message + "write one package per line, its version specifier attached, e.g. 'pandas>=2.0'"
    }

    /// True when every run of whitespace touches an operator, comma or bracket, so that
    /// `pandas >= 2.0` means `pandas>=2.0` while `foo bar` stays ambiguous.
    private static func onlyAroundOperators(_ spec: String) -> Bool {
        let characters = Array(spec)
        var index = 0
        while index < characters.count {
            guard characters[index].isWhitespace else {
                index += 1
                continue
            }
            let runStart = index
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            let before = characters[runStart - 1]   // spec is trimmed: a run never starts at 0
            let after = index < characters.count ? characters[index] : before
            if !operatorCharacters.contains(before) && !operatorCharacters.contains(after) {
                return false
            }
        }
        return true
    }

    /// Matches py-code-mode's grammar without the space it allows in version specifiers:
    /// `^[a-zA-Z0-9][a-zA-Z0-9._-]*(?:\[[a-zA-Z0-9,._-]+\])?(?:[<>=!~][a-zA-Z0-9.*,<>=!~]+)?$`
    static func grammarViolation(_ spec: String) -> String? {
        if let scalar = spec.unicodeScalars.first(where: { !$0.isASCII }) {
            return "contains the non-ASCII character '\(scalar)'; package names use ASCII letters, "
                + "digits, '.', '_' and '-'"
        }
        let bytes = Array(spec.utf8)
        guard let first = bytes.first, isAlphanumeric(first) else {
            return "a package name must start with a letter or digit"
        }
        var index = bytes[1...].firstIndex { !isNameByte($0) } ?? bytes.endIndex
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "[") {
            let extrasStart = index + 1
            let extrasEnd = bytes[extrasStart...].firstIndex { !isExtrasByte($0) } ?? bytes.endIndex
            guard extrasEnd > extrasStart, extrasEnd < bytes.endIndex, bytes[extrasEnd] == UInt8(ascii: "]") else {
                return "extras must be a non-empty list in brackets, e.g. 'pkg[socks]' or 'pkg[a,b]'"
            }
            index = extrasEnd + 1
        }
        if index < bytes.endIndex {
            let versionStart = index + 1
            let versionValid = isOperatorByte(bytes[index])
                && versionStart < bytes.endIndex
                && bytes[versionStart...].allSatisfy(isVersionByte)
            guard versionValid else {
                return "not a valid requirement; expected a package name with optional [extras] and "
                    + "version specifiers, e.g. 'requests', 'pkg[socks]' or 'pandas>=2.0,<3'"
            }
        }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "._-".utf8.contains(byte)
    }

    private static func isExtrasByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || ",._-".utf8.contains(byte)
    }

    private static func isOperatorByte(_ byte: UInt8) -> Bool {
        "<>=!~".utf8.contains(byte)
    }

    private static func isVersionByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || ".*,<>=!~".utf8.contains(byte)
    }
}
