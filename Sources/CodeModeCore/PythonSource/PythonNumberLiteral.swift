/// The value of a number token: `42`, `1_000`, `0x1F`, `0o17`, `0b1`, `1.5`, `.5`, `1e3`, `2j`.
enum PythonNumberLiteral {
    /// The value as JSON, negated when a `-` sign precedes it; nil when the text is not a valid
    /// number or the value has no JSON form here (complex, beyond `Int`, infinite).
    static func jsonValue(_ text: UnsafeBufferPointer<UInt8>.SubSequence, negated: Bool) -> JSONValue? {
        guard let last = text.last, last | 0x20 != UInt8(ascii: "j") else { return nil }  // complex
        let start = text.startIndex
        if text.count > 2 && text[start] == UInt8(ascii: "0") {
            switch text[start + 1] | 0x20 {
            case UInt8(ascii: "x"): return integer(text.dropFirst(2), radix: 16, negated: negated)
            case UInt8(ascii: "o"): return integer(text.dropFirst(2), radix: 8, negated: negated)
            case UInt8(ascii: "b"): return integer(text.dropFirst(2), radix: 2, negated: negated)
            default: break
            }
        }
        guard text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) else {
            return integer(text, radix: 10, negated: negated)
        }
        // Only decimal float text reaches here (no "inf", "nan" or hex), which Double parses like Python.
        let digits = text.contains(UInt8(ascii: "_"))
            ? String(decoding: text.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            : String(decoding: text, as: UTF8.self)
        guard let magnitude = Double(digits), magnitude.isFinite else { return nil }
        return .number(negated ? -magnitude : magnitude)
    }

    /// An integer that fits `Int`; larger ones are valid Python but have no JSON form here.
    private static func integer(_ text: UnsafeBufferPointer<UInt8>.SubSequence, radix: UInt64, negated: Bool) -> JSONValue? {
        var magnitude: UInt64 = 0
        var digitCount = 0
        for byte in text where byte != UInt8(ascii: "_") {
            guard let digit = digitValue(byte), UInt64(digit) < radix else { return nil }
            let (shifted, shiftOverflow) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, sumOverflow) = shifted.addingReportingOverflow(UInt64(digit))
            guard !shiftOverflow && !sumOverflow else { return nil }
            magnitude = sum
            digitCount += 1
        }
        let limit = negated ? UInt64(Int.max) + 1 : UInt64(Int.max)
        guard digitCount > 0, magnitude <= limit else { return nil }
        return .integer(negated ? Int(truncatingIfNeeded: 0 &- magnitude) : Int(magnitude))
    }

    /// The value of an ASCII digit or letter digit (`a`/`A` = 10 … `z`/`Z` = 35), or nil.
    static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
