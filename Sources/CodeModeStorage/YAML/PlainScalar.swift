import CodeModeCore

/// What PyYAML's `yaml.safe_load` makes of scalars (YAML 1.1 rules), so that CodeMode
/// reads a tool file exactly as py-code-mode does: `yes`/`off` are booleans, `0755` is
/// octal, `1e3` is a string (a float needs a dot), `0o17` is a string.
///
/// The patterns are PyYAML's (`resolver.py`), verbatim. They are computed properties
/// because `Regex` is not `Sendable`; tool files are small, building them is cheap.
enum PlainScalar {
    private static var bool: Regex<Substring> { #/yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF/# }
    private static var int: Regex<Substring> { #/[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+/# }
    private static var float: Regex<Substring> { #/[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)/# }
    private static var null: Regex<Substring> { #/~|null|Null|NULL|/# }

    enum Failure: Error {
        /// PyYAML resolves a plain `=` to its `value` tag and then has no constructor for it.
        case valueTag
        /// The text matched a number pattern but cannot be built (`0b_`, or beyond 64 bits).
        case notConstructible(String)
    }

    /// The value of an untagged plain scalar.
    static func resolve(_ text: String) throws(Failure) -> JSONValue {
        if text.wholeMatch(of: null) != nil { return .null }
        if text.wholeMatch(of: bool) != nil { return .bool(constructBool(text) == true) }
        if text.wholeMatch(of: int) != nil {
            guard let value = constructInt(text) else { throw .notConstructible("64-bit integer") }
            return .integer(value)
        }
        if text.wholeMatch(of: float) != nil {
            guard let value = constructFloat(text) else { throw .notConstructible("float") }
            return .number(value)
        }
        if text == "=" { throw .valueTag }
        return .string(text)
    }

    /// PyYAML's `construct_yaml_bool`: any case of yes/no/true/false/on/off.
    static func constructBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "on": true
        case "no", "false", "off": false
        default: nil
        }
    }

    /// PyYAML's `construct_yaml_int`, also used for `!!int`-tagged scalars; nil when the
    /// text is not an integer or does not fit in 64 bits.
    static func constructInt(_ text: String) -> Int? {
        let (negative, digits) = splitSign(text.filter { $0 != "_" })
        let magnitude: Int?
        if digits == "0" {
            magnitude = 0
        } else if digits.hasPrefix("0b") {
            magnitude = Int(digits.dropFirst(2), radix: 2)
        } else if digits.hasPrefix("0x") {
            magnitude = Int(digits.dropFirst(2), radix: 16)
        } else if digits.hasPrefix("0") {
            magnitude = Int(digits, radix: 8)
        } else if digits.contains(":") {
            magnitude = sexagesimal(digits.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) })
        } else {
            magnitude = Int(digits)
        }
        guard let magnitude else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// PyYAML's `construct_yaml_float`, also used for `!!float`-tagged scalars.
    static func constructFloat(_ text: String) -> Double? {
        let (negative, digits) = splitSign(text.filter { $0 != "_" }.lowercased())
        let sign = negative ? -1.0 : 1.0
        if digits == ".inf" { return sign * .infinity }
        if digits == ".nan" { return .nan }
        if digits.contains(":") {
            var value = 0.0
            for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
                guard let part = Double(part) else { return nil }
                value = value * 60 + part
            }
            return sign * value
        }
        return Double(digits).map { sign * $0 }
    }

    private static func splitSign(_ text: String) -> (negative: Bool, digits: String) {
        guard let first = text.first, first == "-" || first == "+" else { return (false, text) }
        return (first == "-", String(text.dropFirst()))
    }

    /// `1:30:15` → 5415, the most significant part first; nil on overflow or a bad part.
    private static func sexagesimal(_ parts: [Int?]) -> Int? {
        var value = 0
        for part in parts {
            guard let part else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 60)
            let (sum, overflow2) = shifted.addingReportingOverflow(part)
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
