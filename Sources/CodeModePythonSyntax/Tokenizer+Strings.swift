/// String literals: finds the end with CPython's pre-3.12 rules (an f-string ends at its
/// first unescaped closing quote; fields are checked later by the parser), validates
/// escapes whose errors are compile errors rather than warnings, and checks the content
/// bytes as `SourceBytes` requires.
extension Tokenizer {
    mutating func scanString(prefix: StringLiteral, quoteAt quoteIndex: Int) throws(Rejection) {
        var literal = prefix
        let quote = byte(quoteIndex)
        literal.quote = quote
        literal.isTriple = byte(quoteIndex + 1) == quote && byte(quoteIndex + 2) == quote
        position = quoteIndex + (literal.isTriple ? 3 : 1)
        literal.contentStart = position
        while true {
            position = skipPlainStringBytes(from: position, quote: quote)
            let current = byte(position)
            switch current {
            case quote:
                if !literal.isTriple {
                    literal.contentEnd = position
                    position += 1
                    return finish(literal)
                }
                if byte(position + 1) == quote && byte(position + 2) == quote {
                    literal.contentEnd = position
                    position += 3
                    return finish(literal)
                }
                position += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                guard literal.isTriple else { throw rejection("tokenize: unterminated string") }
                try consumeNewline()
            case UInt8(ascii: "\\"):
                try scanEscape(in: literal)
            case 0 where position >= limit:
                throw rejection("tokenize: unterminated string")
            case 0x80... where literal.isBytes:
                throw rejection("tokenize: non-ASCII character in bytes literal")
            default:
                // What `skipPlainStringBytes` stopped at: a tab, a UTF-8 sequence or a refusal.
                position = try SourceBytes.checkedEnd(of: source, count: limit, at: position, line: line)
            }
        }
    }

    /// Skips bytes that need no attention inside a literal (anything but the quote, a
    /// backslash, a control character, a non-ASCII byte or the end), the bulk of most strings.
    @inline(__always)
    private func skipPlainStringBytes(from start: Int, quote: UInt8) -> Int {
        var index = start
        while index < limit {
            let current = source[index]
            if current == quote || current == UInt8(ascii: "\\") || SourceBytes.needsAttention(current) {
                return index
            }
            index &+= 1
        }
        return index
    }

    private mutating func finish(_ literal: StringLiteral) {
        self.literal = literal
        kind = .string
    }

    /// Positioned on a backslash. Raw literals only pair the backslash with the next
    /// character; other literals refuse the escapes CPython reports as errors.
    private mutating func scanEscape(in literal: StringLiteral) throws(Rejection) {
        let next = byte(position + 1)
        switch next {
        case 0:
            throw rejection("tokenize: unterminated string")
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            position += 1
            try consumeNewline()
            return
        case _ where SourceBytes.needsAttention(next):
            // Not an escape the literal cares about: the scanning loop checks the byte.
            position += 1
            return
        default:
            break
        }
        if literal.isRaw {
            position += 2
            return
        }
        switch next {
        case UInt8(ascii: "x"):
            try requireHexDigits(2, after: position + 2, limitingTo: 0xFF)
        case UInt8(ascii: "u") where !literal.isBytes:
            try requireHexDigits(4, after: position + 2, limitingTo: 0xFFFF)
        case UInt8(ascii: "U") where !literal.isBytes:
            try requireHexDigits(8, after: position + 2, limitingTo: 0x10FFFF)
        case UInt8(ascii: "N"):
            throw rejection("unsupported: \\N escape")
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            try scanOctalEscape()
        default:
            position += 2
        }
    }

    private mutating func requireHexDigits(_ count: Int, after start: Int, limitingTo maximum: UInt32) throws(Rejection) {
        var value: UInt32 = 0
        for index in start..<(start + count) {
            let digit = byte(index)
            guard ByteClass.isHexDigit(digit) else { throw rejection("tokenize: truncated escape in string") }
            value = value &* 16 &+ ByteClass.hexValue(digit)
        }
        guard value <= maximum else { throw rejection("tokenize: escape out of range") }
        position = start + count
    }

    /// Octal escapes above `\377` are warnings or errors depending on version and literal kind.
    private mutating func scanOctalEscape() throws(Rejection) {
        var index = position + 1
        var value = 0
        while index < position + 4, ByteClass.isOctalDigit(byte(index)) {
            value = value * 8 + Int(byte(index) - UInt8(ascii: "0"))
            index += 1
        }
        guard value <= 0o377 else { throw rejection("unsupported: octal escape above \\377") }
        position = index
    }
}
