/// Replacement fields of f-strings, restricted to what 3.9–3.11 (fields inside a string
/// token) and 3.12+ (PEP 701 tokenization) both accept and agree on: no backslash, `#`,
/// newline or outer quote character inside a field, no triple-quoted strings inside a
/// field, `!r`/`!s`/`!a` right after the expression, format specs without quotes or
/// backslashes and with at most one level of nested fields. Each field's expression is
/// parsed by the ordinary expression parser over its byte range, in the current scope.
extension Parser {
    mutating func checkFormattedString(_ literal: StringLiteral) throws(Rejection) {
        let source = tokens.source
        let end = literal.contentEnd
        var index = literal.contentStart
        while index < end {
            switch source[index] {
            case UInt8(ascii: "\\"):
                let next = index + 1 < end ? source[index + 1] : 0
                guard next != UInt8(ascii: "{") && next != UInt8(ascii: "}") && next != UInt8(ascii: "N") else {
                    throw rejection("unsupported: backslash before brace or N in f-string")
                }
                index += 2
            case UInt8(ascii: "{"):
                if index + 1 < end && source[index + 1] == UInt8(ascii: "{") {
                    index += 2
                } else {
                    index = try checkReplacementField(from: index + 1, in: literal, allowingNestedFields: true)
                }
            case UInt8(ascii: "}"):
                guard index + 1 < end && source[index + 1] == UInt8(ascii: "}") else {
                    throw rejection("f-string: single '}' is not allowed")
                }
                index += 2
            default:
                index += 1
            }
        }
    }

    /// Checks the field starting after its `{`; returns the index after its `}`.
    private mutating func checkReplacementField(
        from start: Int, in literal: StringLiteral, allowingNestedFields: Bool
    ) throws(Rejection) -> Int {
        let expressionEnd = try findExpressionEnd(from: start, in: literal)
        try parseFieldExpression(from: start, to: expressionEnd)
        let source = tokens.source
        let end = literal.contentEnd
        var index = expressionEnd
        if source[index] == UInt8(ascii: "=") {
            index += 1
            while index < end && source[index] == UInt8(ascii: " ") { index += 1 }
        }
        if index < end && source[index] == UInt8(ascii: "!") {
            let conversion = index + 1 < end ? source[index + 1] : 0
            guard conversion == UInt8(ascii: "r") || conversion == UInt8(ascii: "s") || conversion == UInt8(ascii: "a") else {
                throw rejection("f-string: invalid conversion character")
            }
            index += 2
        }
        if index < end && source[index] == UInt8(ascii: ":") {
            index = try skipFormatSpec(from: index + 1, in: literal, allowingNestedFields: allowingNestedFields)
        }
        guard index < end && source[index] == UInt8(ascii: "}") else { throw rejection("f-string: expected '}'") }
        return index + 1
    }

    /// The end of a field's expression: the first `}`, `!` (not `!=`), `:` or debugging `=`
    /// outside brackets and nested strings.
    private func findExpressionEnd(from start: Int, in literal: StringLiteral) throws(Rejection) -> Int {
        let source = tokens.source
        let end = literal.contentEnd
        var depth = 0
        var index = start
        while index < end {
            let current = source[index]
            let next = index + 1 < end ? source[index + 1] : 0
            switch current {
            case UInt8(ascii: "\\"), UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw rejection("unsupported: backslash, '#' or newline in f-string field")
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index = try skipNestedString(at: index, in: literal)
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                guard depth > 0 else { throw rejection("f-string: unmatched bracket") }
                depth -= 1
            case UInt8(ascii: "}"):
                if depth == 0 { return index }
                depth -= 1
            case UInt8(ascii: "!"):
                if next == UInt8(ascii: "=") {
                    index += 2
                    continue
                }
                if depth == 0 { return index }
            case UInt8(ascii: ":"):
                if depth == 0 { return index }
            case UInt8(ascii: "=") where depth == 0:
                if next == UInt8(ascii: "=") {
                    index += 2
                    continue
                }
                let previous = source[index - 1]
                if index == start || (previous != UInt8(ascii: "<") && previous != UInt8(ascii: ">")) {
                    return index
                }
            default:
                break
            }
            index += 1
        }
        throw rejection("f-string: unterminated replacement field")
    }

    /// A single-quoted string inside a field, using the other quote character.
    private func skipNestedString(at start: Int, in literal: StringLiteral) throws(Rejection) -> Int {
        let source = tokens.source
        let end = literal.contentEnd
        let quote = source[start]
        guard quote != literal.quote else { throw rejection("unsupported: outer quote inside f-string field") }
        var index = start + 1
        if index + 1 < end && source[index] == quote && source[index + 1] == quote {
            throw rejection("unsupported: triple-quoted string inside f-string field")
        }
        while index < end && source[index] != quote {
            switch source[index] {
            case UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw rejection("unsupported: backslash or newline in f-string field")
            default:
                index += 1
            }
        }
        guard index < end else { throw rejection("f-string: unterminated string in field") }
        return index + 1
    }

    private mutating func skipFormatSpec(
        from start: Int, in literal: StringLiteral, allowingNestedFields: Bool
    ) throws(Rejection) -> Int {
        let source = tokens.source
        let end = literal.contentEnd
        var index = start
        while index < end {
            switch source[index] {
            case UInt8(ascii: "}"):
                return index
            case UInt8(ascii: "{"):
                guard allowingNestedFields, index + 1 < end, source[index + 1] != UInt8(ascii: "{") else {
                    throw rejection("unsupported: nested format spec field")
                }
                index = try checkReplacementField(from: index + 1, in: literal, allowingNestedFields: false)
            case UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                throw rejection("unsupported: backslash, newline or quote in format spec")
            default:
                index += 1
            }
        }
        throw rejection("f-string: unterminated format spec")
    }

    /// Parses `expression (',' expression)* [',']` over the field's bytes with a tokenizer
    /// in replacement-field mode, then restores the outer tokenizer.
    private mutating func parseFieldExpression(from start: Int, to end: Int) throws(Rejection) {
        let outer = tokens
        tokens = Tokenizer(replacementFieldIn: outer.source, start: start, end: end, line: outer.line)
        try advance()
        _ = try expression()
        while kind == .comma {
            try advance()
            if kind == .endMarker { break }
            _ = try expression()
        }
        guard kind == .endMarker else { throw rejection("f-string: invalid expression in field") }
        tokens = outer
    }
}
