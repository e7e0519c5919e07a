/// Names, keywords and string prefixes.
extension Tokenizer {
    @inline(__always)
    mutating func scanNameOrPrefixedString() throws(Rejection) {
        let start = position
        let end = identifierEnd(from: start)
        position = end
        let length = end &- start
        let next = byte(end)
        if next >= 0x80 || next == UInt8(ascii: "'") || next == UInt8(ascii: "\""),
           try scanUnusualNameEnd(start: start, length: length) {
            return
        }
        kind = length <= 8 ? Keywords.kind(packed: packedName(start: start, length: length)) : .name
        if length >= 9, isReservedDunder(start: start, length: length) {
            throw rejection("unsupported: __debug__ or __peg_parser__")
        }
    }

    /// The end of the identifier whose first byte is at `start`, eight bytes at a time.
    @inline(__always)
    private func identifierEnd(from start: Int) -> Int {
        var end = start &+ 1
        while end &+ 8 <= limit {
            let word = UInt64(littleEndian: UnsafeRawPointer(source + end).loadUnaligned(as: UInt64.self))
            let length = ByteClass.identifierPrefixLength(of: word)
            end &+= length
            if length < 8 { return end }
        }
        while end < limit && ByteClass.isIdentifierContinue(source[end]) {
            end &+= 1
        }
        return end
    }

    /// A name followed by a quote may be a string prefix, and one followed by a non-ASCII
    /// byte is refused; kept out of line so the common path stays small. Returns true when
    /// it scanned a string.
    @inline(never)
    private mutating func scanUnusualNameEnd(start: Int, length: Int) throws(Rejection) -> Bool {
        guard byte(position) < 0x80 else { throw rejection("unsupported: non-ASCII identifier") }
        guard length <= 2, let prefix = stringPrefix(start: start, length: length) else { return false }
        try scanString(prefix: prefix, quoteAt: position)
        return true
    }

    /// The name's bytes packed little-endian into a UInt64 (`length` ≤ 8).
    @inline(__always)
    private func packedName(start: Int, length: Int) -> UInt64 {
        if start + 8 <= limit {
            let word = UInt64(littleEndian: UnsafeRawPointer(source + start).loadUnaligned(as: UInt64.self))
            return length == 8 ? word : word & ((1 << (8 * UInt64(length))) - 1)
        }
        var packed: UInt64 = 0
        for offset in 0..<length {
            packed |= UInt64(source[start + offset]) << (8 * UInt64(offset))
        }
        return packed
    }

    /// `__debug__` cannot be assigned anywhere and `__peg_parser__` is a keyword in 3.9 only.
    private func isReservedDunder(start: Int, length: Int) -> Bool {
        (length == 9 && matches("__debug__", at: start)) || (length == 14 && matches("__peg_parser__", at: start))
    }

    /// The flags of a valid prefix (`r u b f br rb fr rf`, any case), or nil.
    private func stringPrefix(start: Int, length: Int) -> StringLiteral? {
        var prefix = StringLiteral()
        for index in start..<(start + length) {
            switch source[index] | 0x20 {
            case UInt8(ascii: "r") where !prefix.isRaw: prefix.isRaw = true
            case UInt8(ascii: "b") where !prefix.isBytes: prefix.isBytes = true
            case UInt8(ascii: "f") where !prefix.isFormatted: prefix.isFormatted = true
            case UInt8(ascii: "u") where length == 1: break
            default: return nil
            }
        }
        if prefix.isBytes && prefix.isFormatted { return nil }
        if length == 2 && !prefix.isRaw { return nil }
        return prefix
    }
}
