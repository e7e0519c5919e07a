/// Finding where a string literal ends (its value is decoded elsewhere, only when needed).
///
/// f-strings follow Python 3.12 (PEP 701): a replacement field `{...}` may hold strings using
/// any quotes, nested f-strings and a format spec. For code valid in older Pythons this gives
/// the same result, because there a replacement field cannot contain the enclosing quote.
extension PythonTokenizer {
    /// Deeper nesting of f-strings than this is reported as unterminated (CPython stops far earlier).
    private static let maximumFStringNesting = 150

    /// Skips the literal whose opening quote is at `position`; `startLine` is reported on error.
    mutating func skipStringLiteral(prefix: PythonStringPrefix, startLine: Int, nesting: Int) throws(SkillSourceError) {
        let quote = bytes[position]
        let isTriple = position + 2 < bytes.count && bytes[position + 1] == quote && bytes[position + 2] == quote
        position += isTriple ? 3 : 1
        let isFormatted = prefix.contains(.formatted)
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case quote:
                if !isTriple {
                    position += 1
                    return
                }
                if position + 2 < bytes.count && bytes[position + 1] == quote && bytes[position + 2] == quote {
                    position += 3
                    return
                }
                position += 1
            case UInt8(ascii: "\\"):
                // Even in raw strings a backslash keeps the next quote or newline inside the literal.
                position += 1
                skipEscapedCharacter(prefix: prefix)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                guard isTriple else { throw .unterminatedString(line: startLine) }
                consumeNewline()
            case UInt8(ascii: "{") where isFormatted:
                if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "{") {
                    position += 2  // `{{` is a literal brace
                } else {
                    position += 1
                    try skipReplacementField(quote: quote, isTriple: isTriple, startLine: startLine, nesting: nesting + 1)
                }
            default:
                position += 1
                while position < bytes.count && !PythonByteClass.mayEndOrEscape(bytes[position]) {
                    position += 1
                }
            }
        }
        throw .unterminatedString(line: startLine)
    }

    /// Skips what follows a backslash inside a literal. In an f-string `\{` leaves the brace
    /// to open a replacement field, while `\N{NAME}` (not raw) is one escape whose braces are not a field.
    private mutating func skipEscapedCharacter(prefix: PythonStringPrefix) {
        guard position < bytes.count else { return }
        let byte = bytes[position]
        let isFormatted = prefix.contains(.formatted)
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            consumeNewline()
        } else if isFormatted && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")) {
            return
        } else if isFormatted && !prefix.contains(.raw) && byte == UInt8(ascii: "N")
            && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "{") {
            while position < bytes.count && bytes[position] != UInt8(ascii: "}") && !isNewline(at: position) {
                position += 1
            }
            if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
                position += 1
            }
        } else {
            position += 1
        }
    }

    /// Skips an f-string replacement field after its `{`, up to and including its `}`.
    private mutating func skipReplacementField(
        quote: UInt8, isTriple: Bool, startLine: Int, nesting: Int
    ) throws(SkillSourceError) {
        guard nesting <= Self.maximumFStringNesting else { throw .unterminatedString(line: startLine) }
        var bracketDepth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                try skipStringLiteral(prefix: prefixLetters(before: position), startLine: startLine, nesting: nesting)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                bracketDepth += 1
                position += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                bracketDepth = max(0, bracketDepth - 1)
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                if bracketDepth == 0 { return }
                bracketDepth -= 1
            case UInt8(ascii: ":") where bracketDepth == 0:
                position += 1
                try skipFormatSpec(quote: quote, isTriple: isTriple, startLine: startLine, nesting: nesting)
                return
            case UInt8(ascii: "!") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "="):
                position += 2  // `!=` is an operator, not a conversion followed by `=`
            case UInt8(ascii: "#"):
                while position < bytes.count && !isNewline(at: position) {
                    position += 1
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeNewline()
            case UInt8(ascii: "\\"):
                position += 1
                if position < bytes.count && !isNewline(at: position) {
                    position += 1
                }
            default:
                position += 1
            }
        }
        throw .unterminatedString(line: startLine)
    }

    /// Skips a format spec (after `:` in a replacement field) up to and including the field's `}`.
    /// The spec is literal text, except for nested fields such as `{width}`.
    private mutating func skipFormatSpec(
        quote: UInt8, isTriple: Bool, startLine: Int, nesting: Int
    ) throws(SkillSourceError) {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                try skipReplacementField(quote: quote, isTriple: isTriple, startLine: startLine, nesting: nesting + 1)
            case UInt8(ascii: "}"):
                position += 1
                return
            case quote, UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                // Broken field: leave the quote or newline to the enclosing literal, which ends or fails there.
                if !isTriple { return }
                if bytes[position] == quote { return }
                consumeNewline()
            default:
                position += 1
            }
        }
        throw .unterminatedString(line: startLine)
    }

    /// The string prefix written just before the quote at `quoteIndex` (e.g. the `f` of `f'...'`),
    /// or no prefix when the letters there are not one (`xf'...'` is a name and a plain string).
    func prefixLetters(before quoteIndex: Int) -> PythonStringPrefix {
        var start = quoteIndex
        while start > 0 && quoteIndex - start < 3 && PythonByteClass.isIdentifier(bytes[start - 1]) {
            start -= 1
        }
        return PythonStringPrefix(letters: bytes[start..<quoteIndex]) ?? []
    }
}
