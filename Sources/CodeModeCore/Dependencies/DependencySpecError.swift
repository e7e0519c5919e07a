/// Why a dependency spec was refused.
public struct DependencySpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The spec as given, trimmed of surrounding whitespace.
    public var spec: String
    /// What is wrong and what to write instead.
    public var reason: String

    public init(spec: String, reason: String) {
        self.spec = spec
        self.reason = reason
    }

    /// `'<spec>': <reason>`, with control characters in the spec shown as escapes so the
    /// message stays on one line.
    public var description: String {
        "'\(spec.escapingControlCharacters())': \(reason)"
    }
}

extension String {
    /// The string with control characters written as `\n`, `\r`, `\t` or `\u{XX}`.
    func escapingControlCharacters() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
