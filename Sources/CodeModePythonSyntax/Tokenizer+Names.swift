/// Names, keywords and string prefixes.
extension Tokenizer {
    @inline(__always)
    mutating func scanNameOrPrefixedString() throws(Rejection) {
        let start = position
        var end = start + 1
        while end < limit && ByteClass.isIdentifierContinue(source[end]) {
            end += 1
        }
        position = end
        let current = byte(end)
        if current >= 0x80 {
            throw rejection("unsupported: non-ASCII identifier")
        }
        let length = position - start
        if current == UInt8(ascii: "'") || current == UInt8(ascii: "\""), length <= 2,
           let prefix = stringPrefix(start: start, length: length) {
            try scanString(prefix: prefix, quoteAt: position)
            return
        }
        kind = length <= 8 ? Self.keyword(packed: packedName(start: start, length: length)) : .name
        if kind == .name, source[start] == UInt8(ascii: "_"), isReservedDunder(start: start, length: length) {
            throw rejection("unsupported: __debug__ or __peg_parser__")
        }
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

    /// Hard keywords, matched on the name's bytes packed little-endian into a UInt64 (all
    /// keywords are at most 8 bytes long, and identifiers contain no zero bytes, so the
    /// packed value identifies the name).
    private static func keyword(packed: UInt64) -> TokenKind {
        switch packed {
        case 0x7361: .keywordAs  // as
        case 0x6669: .keywordIf  // if
        case 0x6E69: .keywordIn  // in
        case 0x7369: .keywordIs  // is
        case 0x726F: .keywordOr  // or
        case 0x646E61: .keywordAnd  // and
        case 0x666564: .keywordDef  // def
        case 0x6C6564: .keywordDel  // del
        case 0x726F66: .keywordFor  // for
        case 0x746F6E: .keywordNot  // not
        case 0x797274: .keywordTry  // try
        case 0x656E6F4E: .keywordNone  // None
        case 0x65757254: .keywordTrue  // True
        case 0x66696C65: .keywordElif  // elif
        case 0x65736C65: .keywordElse  // else
        case 0x6D6F7266: .keywordFrom  // from
        case 0x73736170: .keywordPass  // pass
        case 0x68746977: .keywordWith  // with
        case 0x65736C6146: .keywordFalse  // False
        case 0x636E797361: .keywordAsync  // async
        case 0x7469617761: .keywordAwait  // await
        case 0x6B61657262: .keywordBreak  // break
        case 0x7373616C63: .keywordClass  // class
        case 0x6573696172: .keywordRaise  // raise
        case 0x656C696877: .keywordWhile  // while
        case 0x646C656979: .keywordYield  // yield
        case 0x747265737361: .keywordAssert  // assert
        case 0x747065637865: .keywordExcept  // except
        case 0x6C61626F6C67: .keywordGlobal  // global
        case 0x74726F706D69: .keywordImport  // import
        case 0x6164626D616C: .keywordLambda  // lambda
        case 0x6E7275746572: .keywordReturn  // return
        case 0x796C6C616E6966: .keywordFinally  // finally
        case 0x65756E69746E6F63: .keywordContinue  // continue
        case 0x6C61636F6C6E6F6E: .keywordNonlocal  // nonlocal
        default: .name
        }
    }
}
