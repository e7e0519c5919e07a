/// Classes of bytes the tokenizer tests in its inner loops, as branch-light bit tests.
enum PythonByteClass {
    /// ASCII letters, digits, `_`, and every byte of a multi-byte UTF-8 sequence
    /// (Python identifiers may hold non-ASCII letters; the reader never needs to tell them apart).
    static func isIdentifier(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...0xFF:
            true
        default:
            false
        }
    }

    /// True for the bytes `skipRestOfLogicalLine` must look at: line breaks, `#`, backslashes, quotes, brackets.
    @inline(__always)
    static func mayEndOrHideLineEnd(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte: LF, CR, " # ' ( ) below 64; [ backslash ] { } from 64.
        let low: UInt64 = 1 << 10 | 1 << 13 | 1 << 34 | 1 << 35 | 1 << 39 | 1 << 40 | 1 << 41
        let high: UInt64 = 1 << (91 - 64) | 1 << (92 - 64) | 1 << (93 - 64) | 1 << (123 - 64) | 1 << (125 - 64)
        if byte < 64 { return low >> UInt64(byte) & 1 == 1 }
        if byte < 128 { return high >> UInt64(byte - 64) & 1 == 1 }
        return false
    }

    /// True for the bytes `skipStringLiteral` must look at: quotes, backslashes, line breaks and `{`.
    @inline(__always)
    static func mayEndOrEscape(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte: LF, CR, " ' below 64; backslash and { from 64.
        let low: UInt64 = 1 << 10 | 1 << 13 | 1 << 34 | 1 << 39
        let high: UInt64 = 1 << (92 - 64) | 1 << (123 - 64)
        if byte < 64 { return low >> UInt64(byte) & 1 == 1 }
        if byte < 128 { return high >> UInt64(byte - 64) & 1 == 1 }
        return false
    }
}
