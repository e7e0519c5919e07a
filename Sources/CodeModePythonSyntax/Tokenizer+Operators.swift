/// Operators, brackets and the dispatch from a token's first byte to its scanner.
extension Tokenizer {
    @inline(__always)
    mutating func scanToken(startingWith first: UInt8) throws(Rejection) {
        if ByteClass.isIdentifierStart(first) {
            try scanNameOrPrefixedString()
            return
        }
        if ByteClass.isDigit(first) || (first == UInt8(ascii: ".") && ByteClass.isDigit(byte(position + 1))) {
            try scanNumber()
            kind = .number
            return
        }
        let second = byte(position + 1)
        let third = byte(position + 2)
        let isAssign = second == UInt8(ascii: "=")
        var length = 1
        switch first {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            try scanString(prefix: StringLiteral(), quoteAt: position)
            return
        case UInt8(ascii: "("): kind = .leftParen; try openBracket()
        case UInt8(ascii: "["): kind = .leftBracket; try openBracket()
        case UInt8(ascii: "{"): kind = .leftBrace; try openBracket()
        case UInt8(ascii: ")"): kind = .rightParen; try closeBracket()
        case UInt8(ascii: "]"): kind = .rightBracket; try closeBracket()
        case UInt8(ascii: "}"): kind = .rightBrace; try closeBracket()
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: ":"):
            kind = isAssign ? .walrus : .colon
            length = isAssign ? 2 : 1
        case UInt8(ascii: "."):
            let isEllipsis = second == UInt8(ascii: ".") && third == UInt8(ascii: ".")
            kind = isEllipsis ? .ellipsis : .dot
            length = isEllipsis ? 3 : 1
        case UInt8(ascii: "="):
            kind = isAssign ? .equalEqual : .equal
            length = isAssign ? 2 : 1
        case UInt8(ascii: "!"):
            guard isAssign else { throw rejection("tokenize: invalid character '!'") }
            kind = .notEqual
            length = 2
        case UInt8(ascii: "-") where second == UInt8(ascii: ">"):
            kind = .arrow
            length = 2
        case UInt8(ascii: "+"): (kind, length) = simpleOrAugmented(.plus, isAssign)
        case UInt8(ascii: "-"): (kind, length) = simpleOrAugmented(.minus, isAssign)
        case UInt8(ascii: "%"): (kind, length) = simpleOrAugmented(.percent, isAssign)
        case UInt8(ascii: "&"): (kind, length) = simpleOrAugmented(.ampersand, isAssign)
        case UInt8(ascii: "|"): (kind, length) = simpleOrAugmented(.pipe, isAssign)
        case UInt8(ascii: "^"): (kind, length) = simpleOrAugmented(.caret, isAssign)
        case UInt8(ascii: "@"): (kind, length) = simpleOrAugmented(.at, isAssign)
        case UInt8(ascii: "*"): (kind, length) = doubledOperator(.star, .doubleStar, second, third)
        case UInt8(ascii: "/"): (kind, length) = doubledOperator(.slash, .doubleSlash, second, third)
        case UInt8(ascii: "<"):
            if second == UInt8(ascii: "<") {
                (kind, length) = doubledOperator(.less, .leftShift, second, third)
            } else {
                (kind, length) = isAssign ? (.lessEqual, 2) : (.less, 1)
            }
        case UInt8(ascii: ">"):
            if second == UInt8(ascii: ">") {
                (kind, length) = doubledOperator(.greater, .rightShift, second, third)
            } else {
                (kind, length) = isAssign ? (.greaterEqual, 2) : (.greater, 1)
            }
        case 0x80...:
            throw rejection("unsupported: non-ASCII character outside strings and comments")
        default:
            throw rejection("tokenize: invalid character")
        }
        position += length
    }

    private func simpleOrAugmented(_ simple: TokenKind, _ isAssign: Bool) -> (TokenKind, Int) {
        isAssign ? (.augmentedAssign, 2) : (simple, 1)
    }

    /// `*` `**` `*=` `**=` and the like for `/` `<` `>`.
    private func doubledOperator(
        _ single: TokenKind, _ doubled: TokenKind, _ second: UInt8, _ third: UInt8
    ) -> (TokenKind, Int) {
        let first = byte(position)
        if second == first {
            return third == UInt8(ascii: "=") ? (.augmentedAssign, 3) : (doubled, 2)
        }
        return second == UInt8(ascii: "=") ? (.augmentedAssign, 2) : (single, 1)
    }

    private mutating func openBracket() throws(Rejection) {
        bracketDepth += 1
        guard bracketDepth <= Self.maximumBracketDepth else { throw rejection("unsupported: brackets nested too deeply") }
    }

    private mutating func closeBracket() throws(Rejection) {
        guard bracketDepth > 0 else { throw rejection("tokenize: unmatched closing bracket") }
        bracketDepth -= 1
    }
}
