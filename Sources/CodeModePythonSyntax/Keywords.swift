/// Hard keywords, found with a perfect hash of the name's bytes packed little-endian into a
/// UInt64 (all keywords are at most 8 bytes long, and identifiers contain no zero bytes, so
/// the packed value identifies the name). Replaces a `switch` over 35 constants with one
/// multiply, one load and one compare.
enum Keywords {
    /// Maps every keyword to a distinct slot of `slots` (found by search over odd multipliers).
    private static let multiplier: UInt64 = 0xB57C_8E05_E3C9_B0E1

    /// Indexed by the top six bits of `packed &* multiplier`; empty slots hold key 0, which no
    /// name packs to.
    private static let slots: [(key: UInt64, kind: TokenKind)] = [
        (0, .name),
        (0, .name),
        (0x73736170, .keywordPass),  // pass
        (0, .name),
        (0x6669, .keywordIf),  // if
        (0, .name),
        (0x6E7275746572, .keywordReturn),  // return
        (0x7469617761, .keywordAwait),  // await
        (0, .name),
        (0, .name),
        (0x726F, .keywordOr),  // or
        (0, .name),
        (0x68746977, .keywordWith),  // with
        (0x6C61636F6C6E6F6E, .keywordNonlocal),  // nonlocal
        (0, .name),
        (0x65757254, .keywordTrue),  // True
        (0x65736C6146, .keywordFalse),  // False
        (0x65736C65, .keywordElse),  // else
        (0x747065637865, .keywordExcept),  // except
        (0, .name),
        (0, .name),
        (0x746F6E, .keywordNot),  // not
        (0, .name),
        (0x646C656979, .keywordYield),  // yield
        (0x7369, .keywordIs),  // is
        (0, .name),
        (0x6B61657262, .keywordBreak),  // break
        (0, .name),
        (0x796C6C616E6966, .keywordFinally),  // finally
        (0x636E797361, .keywordAsync),  // async
        (0, .name),
        (0, .name),
        (0, .name),
        (0x7373616C63, .keywordClass),  // class
        (0, .name),
        (0x726F66, .keywordFor),  // for
        (0x656C696877, .keywordWhile),  // while
        (0x65756E69746E6F63, .keywordContinue),  // continue
        (0, .name),
        (0x666564, .keywordDef),  // def
        (0, .name),
        (0x656E6F4E, .keywordNone),  // None
        (0x747265737361, .keywordAssert),  // assert
        (0, .name),
        (0, .name),
        (0x7361, .keywordAs),  // as
        (0, .name),
        (0x66696C65, .keywordElif),  // elif
        (0x646E61, .keywordAnd),  // and
        (0x6573696172, .keywordRaise),  // raise
        (0, .name),
        (0x6C61626F6C67, .keywordGlobal),  // global
        (0, .name),
        (0x797274, .keywordTry),  // try
        (0, .name),
        (0x6D6F7266, .keywordFrom),  // from
        (0x6164626D616C, .keywordLambda),  // lambda
        (0, .name),
        (0, .name),
        (0, .name),
        (0x6C6564, .keywordDel),  // del
        (0x6E69, .keywordIn),  // in
        (0, .name),
        (0x74726F706D69, .keywordImport),  // import
    ]

    /// The keyword kind of a name of at most 8 bytes, or `.name`.
    @inline(__always)
    static func kind(packed: UInt64) -> TokenKind {
        let slot = slots[Int(truncatingIfNeeded: (packed &* multiplier) >> 58)]
        return slot.key == packed ? slot.kind : .name
    }
}
