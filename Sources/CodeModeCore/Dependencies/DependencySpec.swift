/// One validated, normalized dependency requirement such as `requests>=2.31` or
/// `pkg[extra]==1.*`.
///
/// The same rules apply when a spec is stored (a `requirements.txt` line, a member of
/// `P:deps`) and when it is installed, so anything stored can be installed. They are
/// py-code-mode's rules (COMPAT.md appendix §6.1) with one fix: whitespace inside a spec
/// is refused, because py-code-mode stores `pandas>= 2.0` but its installer rejects it.
///
/// Two specs are equal when their normalized ``text`` is equal.
public struct DependencySpec: Hashable, Sendable, CustomStringConvertible {
    /// The normalized spec: the name part lower-cased with `_` replaced by `-`, the rest
    /// (extras and version specifiers) verbatim, e.g. `My_Pkg[extra]==1.0` → `my-pkg[extra]==1.0`.
    public let text: String

    /// The normalized package name, without extras or version specifiers.
    ///
    /// Specs with the same base name describe the same package: adding one replaces the
    /// other, and removing by name removes either.
    public var baseName: String {
        Self.baseName(ofNormalized: text)
    }

    public var description: String { text }

    /// Validates `raw` (trimmed of surrounding whitespace first) and normalizes it.
    ///
    /// - Throws: ``DependencySpecError`` naming the first rule the spec breaks and what to
    ///   write instead.
    public init(validating raw: String) throws(DependencySpecError) {
        let trimmed = raw.trimmingWhitespace()
        if let reason = DependencySpecRules.firstViolation(in: trimmed) {
            throw DependencySpecError(spec: trimmed, reason: reason)
        }
        text = Self.normalize(trimmed)
    }

    /// Normalizes a spec as py-code-mode does (§6.2). Dots are kept: `pkg.name` and
    /// `pkg-name` stay different packages, as they are there.
    static func normalize(_ spec: String) -> String {
        let nameEnd = spec.firstIndex(where: isNameTerminator) ?? spec.endIndex
        let name = String(spec[..<nameEnd].lowercased().map { $0 == "_" ? "-" : $0 })
        return name + spec[nameEnd...]
    }

    /// The base name of any string treated as a spec, without validating it; used to
    /// match a user-given name such as `REQUESTS` against stored specs.
    public static func baseName(of anySpec: String) -> String {
        baseName(ofNormalized: normalize(anySpec.trimmingWhitespace()))
    }

    private static func baseName(ofNormalized text: String) -> String {
        String(text.prefix { !isNameTerminator($0) })
    }

    /// The characters that end the name part: extras or a version operator.
    private static func isNameTerminator(_ c: Character) -> Bool {
        "[<>=!~".contains(c)
    }
}

extension StringProtocol {
    /// The string without leading and trailing whitespace and line breaks (like Python's `str.strip()`).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
