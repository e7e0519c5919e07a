/// Whole-source byte checks done once before tokenizing, so the tokenizer may assume valid
/// UTF-8, no NUL (it uses 0 as its end sentinel), no lone CR and no control characters
/// other than tab, LF and the CR of a CRLF.
///
/// A leading byte order mark is refused: CPython accepts it in bytes but every version
/// rejects U+FEFF at the start of a `str` source, and callers may pass either.
enum SourceBytes {
    static func validate(_ base: UnsafePointer<UInt8>, count: Int) throws(Rejection) {
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            throw Rejection(message: "unsupported: byte order mark", line: 1)
        }
        var index = 0
        var line = 1
        while index < count {
            if index + 8 <= count && isPrintableASCII(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let windowEnd = min(index + 8, count)
            while index < windowEnd {
                (index, line) = try checkByte(base, count: count, index: index, line: line)
            }
        }
    }

    /// Checks the byte (or UTF-8 sequence) at `index`; returns the next index and line.
    @inline(__always)
    private static func checkByte(
        _ base: UnsafePointer<UInt8>, count: Int, index: Int, line: Int
    ) throws(Rejection) -> (Int, Int) {
        let byte = base[index]
        if byte >= 0x20 && byte < 0x7F {
            return (index + 1, line)
        }
        switch byte {
        case 0x0A:
            return (index + 1, line + 1)
        case 0x09:
            return (index + 1, line)
        case 0x0D:
            guard index + 1 < count, base[index + 1] == 0x0A else {
                throw Rejection(message: "unsupported: lone CR", line: line)
            }
            return (index + 1, line)
        case 0x80...:
            return (try multiByteEnd(base, count: count, start: index, line: line), line)
        default:
            throw Rejection(message: "unsupported: control character", line: line)
        }
    }

    /// Whether all eight bytes are in 0x20...0x7E (the usual case, checked without branches
    /// per byte): no high bit, none below 0x20, none equal to 0x7F.
    @inline(__always)
    private static func isPrintableASCII(_ word: UInt64) -> Bool {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & highBits
        let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
        let hasDelete = (delete &- 0x0101_0101_0101_0101) & ~delete & highBits
        return (word & highBits) | belowSpace | hasDelete == 0
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
