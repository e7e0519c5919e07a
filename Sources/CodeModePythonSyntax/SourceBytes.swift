/// Byte rules the tokenizer applies while it scans, so that no separate pass over the source
/// is needed: the source must be valid UTF-8 with no NUL (0 is the tokenizer's end
/// sentinel), no lone CR and no control characters other than tab, LF and the CR of a CRLF.
/// Outside strings and comments the tokenizer accepts only ASCII token bytes, spaces, tabs
/// and line breaks anyway, so only strings and comments need the checks below.
///
/// A leading byte order mark is refused: CPython accepts it in bytes but every version
/// rejects U+FEFF at the start of a `str` source, and callers may pass either.
enum SourceBytes {
    static func startsWithByteOrderMark(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
    }

    /// Whether `byte` is outside 0x20...0x7E (a control character, DEL or non-ASCII): the
    /// one test that lets the bulk of string and comment bytes through.
    @inline(__always)
    static func needsAttention(_ byte: UInt8) -> Bool {
        byte &- 0x20 >= 0x5F
    }

    /// Checks a byte inside a string or comment that `needsAttention` flagged and is not a
    /// line break; returns the index after it (after the whole sequence for UTF-8).
    static func checkedEnd(
        of base: UnsafePointer<UInt8>, count: Int, at index: Int, line: Int
    ) throws(Rejection) -> Int {
        switch base[index] {
        case 0x09:
            return index + 1
        case 0x80...:
            return try multiByteEnd(base, count: count, start: index, line: line)
        default:
            throw Rejection(message: "unsupported: control character", line: line)
        }
    }

    /// The index after a well-formed UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF).
    private static func multiByteEnd(
        _ base: UnsafePointer<UInt8>, count: Int, start: Int, line: Int
    ) throws(Rejection) -> Int {
        let lead = base[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw Rejection(message: "encoding: invalid UTF-8", line: line)
        }
        guard start + length <= count, secondRange.contains(base[start + 1]) else {
            throw Rejection(message: "encoding: invalid UTF-8", line: line)
        }
        for offset in 2..<length where base[start + offset] & 0xC0 != 0x80 {
            throw Rejection(message: "encoding: invalid UTF-8", line: line)
        }
        return start + length
    }
}
