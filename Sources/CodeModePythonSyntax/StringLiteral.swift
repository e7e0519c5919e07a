/// What the tokenizer learned about the current string token: its prefix flags, its quoting
/// and where its content lies, so the parser can check concatenation and f-string fields.
struct StringLiteral {
    var isRaw = false
    var isBytes = false
    var isFormatted = false
    var isTriple = false
    var quote: UInt8 = 0
    var contentStart = 0
    var contentEnd = 0
}
