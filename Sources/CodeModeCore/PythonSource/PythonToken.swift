/// One token of Python source, as byte offsets into the UTF-8 buffer it was read from.
///
/// Tokens carry no text of their own, so tokenizing allocates nothing per token.
struct PythonToken {
    enum Kind {
        case name
        case number
        case string
        case `operator`
        /// The end of a logical line (Python's NEWLINE token).
        case newline
        case endOfFile
    }

    var kind: Kind
    /// Byte offset of the first byte of the token (for strings: of the prefix).
    var start: Int
    /// Byte offset just past the token.
    var end: Int
    /// 1-based line on which the token starts.
    var line: Int
    /// True for the first token of a logical line; `indent` is then its column.
    var startsLogicalLine: Bool
    /// Column of the logical line's first token (tabs to multiples of 8, as Python counts them).
    var indent: Int
    /// The prefix letters of a string token (empty for other kinds).
    var stringPrefix: PythonStringPrefix

    /// True when the token's text in `bytes` is exactly the ASCII `text` (a keyword, name or operator).
    func `is`(_ text: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard end - start == text.utf8CodeUnitCount else { return false }
        let expected = text.utf8Start
        for offset in 0..<text.utf8CodeUnitCount where bytes[start + offset] != expected[offset] {
            return false
        }
        return true
    }
}

/// The meaning of a string literal's prefix letters (`r`, `b`, `f`/`t`; `u` means nothing in Python 3).
struct PythonStringPrefix: OptionSet {
    let rawValue: UInt8

    static let raw = PythonStringPrefix(rawValue: 1)
    static let bytes = PythonStringPrefix(rawValue: 2)
    /// An f-string or a template string (`t`, Python 3.14): its value is computed at run time.
    static let formatted = PythonStringPrefix(rawValue: 4)

    /// The prefix spelled by `letters`, or nil when they are not a valid string prefix.
    init?(letters: UnsafeBufferPointer<UInt8>.SubSequence) {
        guard letters.count <= 2 else { return nil }
        var prefix = PythonStringPrefix()
        var sawU = false
        for byte in letters {
            let flag: PythonStringPrefix
            switch byte | 0x20 {  // ASCII lower case
            case UInt8(ascii: "r"): flag = .raw
            case UInt8(ascii: "b"): flag = .bytes
            case UInt8(ascii: "f"), UInt8(ascii: "t"): flag = .formatted
            case UInt8(ascii: "u"):
                sawU = true
                continue
            default: return nil
            }
            guard !prefix.contains(flag) else { return nil }
            prefix.insert(flag)
        }
        // `u` stands alone, and bytes cannot be formatted.
        if sawU && letters.count > 1 { return nil }
        if prefix.contains(.bytes) && prefix.contains(.formatted) { return nil }
        self = prefix
    }

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }
}
