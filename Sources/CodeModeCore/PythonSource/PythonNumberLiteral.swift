/// The value of a number token: `42`, `1_000`, `0x1F`, `0o17`, `0b1`, `1.5`, `.5`, `1e3`, `2j`.
enum PythonNumberLiteral {
    /// The value, negated when a `-` sign precedes it; nil when the text is not a valid number.
    static func value(_ text: UnsafeBufferPointer<UInt8>.SubSequence, negated: Bool) -> PythonLiteral? {
        guard let last = text.last else { return nil }
        if last | 0x20 == UInt8(ascii: "j") {
            return .unrepresentable  // complex
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(text.count)
        for byte in text where byte != UInt8(ascii: "_") {
            digits.append(byte)
        }
        let radix: UInt64 = switch digits.count > 2 && digits[0] == UInt8(ascii: "0") ? digits[1] | 0x20 : 0 {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: 10
        }
        if radix != 10 {
            return integer(digits.dropFirst(2), radix: radix, negated: negated)
        }
        let isFloat = digits.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }
        guard isFloat else {
            return integer(digits[...], radix: 10, negated: negated)
        }
        // Only decimal float text reaches here (no "inf", "nan" or hex), which Double parses like Python.
        guard let magnitude = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
        return .float(negated ? -magnitude : magnitude)
    }

    /// An integer that fits `Int`; larger ones are valid Python but not representable here.
    private static func integer(_ digits: ArraySlice<UInt8>, radix: UInt64, negated: Bool) -> PythonLiteral? {
        guard !digits.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        var overflowed = false
        for byte in digits {
            guard let digit = digitValue(byte), UInt64(digit) < radix else { return nil }
            let (shifted, shiftOverflow) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, sumOverflow) = shifted.addingReportingOverflow(UInt64(digit))
            overflowed = overflowed || shiftOverflow || sumOverflow
            magnitude = sum
        }
        let limit = negated ? UInt64(Int.max) + 1 : UInt64(Int.max)
        guard !overflowed, magnitude <= limit else { return .unrepresentable }
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
