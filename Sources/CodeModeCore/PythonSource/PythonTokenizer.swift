/// Splits Python source (UTF-8 bytes) into tokens, following Python 3's lexical rules closely
/// enough to find statements, strings and brackets in real code; it validates nothing else.
///
/// Comments and blank lines produce no tokens. Newlines inside brackets and after a backslash
/// continuation are skipped, so a `.newline` token ends each logical line, and the first token
/// of a logical line carries its indentation. Every call advances at least one byte, so any
/// input (random bytes included) ends in `.endOfFile` or an error.
struct PythonTokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    var line = 1

    private var atLineStart = true
    private var lineHasTokens = false
    private var logicalLineIndent = 0
    private var openBrackets: [(bracket: UInt8, line: Int)] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        position = hasByteOrderMark ? 3 : 0
    }

    /// The next token; throws on an unterminated string or an unbalanced bracket.
    mutating func next() throws(SkillSourceError) -> PythonToken {
        while true {
            if atLineStart {
                measureIndentation()
            }
            skipSpaces()
            guard position < bytes.count else { return try endOfInput() }
            let start = position
            let byte = bytes[start]
            switch byte {
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeNewline()
                guard openBrackets.isEmpty else { continue }
                atLineStart = true
                if lineHasTokens {
                    lineHasTokens = false
                    return makeToken(.newline, from: start, line: line - 1)
                }
            case UInt8(ascii: "\\") where isNewline(at: start + 1):
                position += 1
                consumeNewline()
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                return try scanString(prefix: [], from: start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                scanNumber()
                return makeToken(.number, from: start, line: line)
            case UInt8(ascii: ".") where isDigit(at: start + 1):
                scanNumber()
                return makeToken(.number, from: start, line: line)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                openBrackets.append((byte, line))
                position += 1
                return makeToken(.operator, from: start, line: line)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                try closeBracket(byte)
                position += 1
                return makeToken(.operator, from: start, line: line)
            default:
                guard PythonByteClass.isIdentifier(byte) else {
                    position += operatorLength(at: start)
                    return makeToken(.operator, from: start, line: line)
                }
                while position < bytes.count && PythonByteClass.isIdentifier(bytes[position]) {
                    position += 1
                }
                if position < bytes.count, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\""),
                   let prefix = PythonStringPrefix(letters: bytes[start..<position]) {
                    return try scanString(prefix: prefix, from: start)
                }
                return makeToken(.name, from: start, line: line)
            }
        }
    }

    /// Moves past the rest of the current logical line without making tokens, tracking only
    /// what can hide its end: strings, comments, brackets and backslash continuations.
    /// The reader skips most of a skill (the bodies of functions) this way.
    mutating func skipRestOfLogicalLine() throws(SkillSourceError) {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeNewline()
                if openBrackets.isEmpty {
                    atLineStart = true
                    lineHasTokens = false
                    return
                }
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\\"):
                position += 1
                if isNewline(at: position) {
                    consumeNewline()
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                try skipStringLiteral(prefix: prefixLetters(before: position), startLine: line, nesting: 0)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                openBrackets.append((byte, line))
                position += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                try closeBracket(byte)
                position += 1
            default:
                position += 1
                while position < bytes.count && !PythonByteClass.mayEndOrHideLineEnd(bytes[position]) {
                    position += 1
                }
            }
        }
        if let innermost = openBrackets.last {
            throw .neverClosed(innermost.bracket, line: innermost.line)
        }
        lineHasTokens = false
    }

    // MARK: - Lines

    /// Skips blank and comment-only lines, then records the indentation of the logical line that starts.
    private mutating func measureIndentation() {
        var column = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "):
                column += 1
            case UInt8(ascii: "\t"):
                column = (column / 8 + 1) * 8
            case 0x0C:  // form feed resets the column, as in CPython
                column = 0
            case UInt8(ascii: "#"):
                skipComment()
                continue
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeNewline()
                column = 0
                continue
            case UInt8(ascii: "\\") where isNewline(at: position + 1):
                position += 1
                consumeNewline()
                continue
            default:
                atLineStart = false
                logicalLineIndent = column
                return
            }
            position += 1
        }
        atLineStart = false
        logicalLineIndent = column
    }

    private mutating func endOfInput() throws(SkillSourceError) -> PythonToken {
        if let innermost = openBrackets.last {
            throw .neverClosed(innermost.bracket, line: innermost.line)
        }
        if lineHasTokens {
            lineHasTokens = false
            atLineStart = true
            return makeToken(.newline, from: bytes.count, line: line)
        }
        return PythonToken(
            kind: .endOfFile, start: bytes.count, end: bytes.count, line: line,
            startsLogicalLine: false, indent: 0, stringPrefix: [])
    }

    private mutating func closeBracket(_ closer: UInt8) throws(SkillSourceError) {
        guard let opener = openBrackets.popLast() else {
            throw .unexpectedCloser(closer, line: line)
        }
        guard Self.closer(of: opener.bracket) == closer else {
            throw .mismatchedCloser(closer, opener: opener.bracket, openerLine: opener.line, line: line)
        }
    }

    static func closer(of opener: UInt8) -> UInt8 {
        switch opener {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        default: UInt8(ascii: "}")
        }
    }

    // MARK: - Tokens

    private mutating func makeToken(_ kind: PythonToken.Kind, from start: Int, line tokenLine: Int) -> PythonToken {
        let startsLogicalLine = kind != .newline && !lineHasTokens
        if kind != .newline {
            lineHasTokens = true
        }
        return PythonToken(
            kind: kind, start: start, end: kind == .newline ? start : position, line: tokenLine,
            startsLogicalLine: startsLogicalLine, indent: logicalLineIndent, stringPrefix: [])
    }

    private mutating func scanString(prefix: PythonStringPrefix, from start: Int) throws(SkillSourceError) -> PythonToken {
        let startLine = line
        try skipStringLiteral(prefix: prefix, startLine: startLine, nesting: 0)
        var token = makeToken(.string, from: start, line: startLine)
        token.stringPrefix = prefix
        return token
    }

    /// Numbers as Python writes them: `0x1F`, `0o17`, `0b1`, `1_000`, `1.5`, `.5`, `1e-3`, `2j`.
    /// The text is checked when a literal's value is needed, not here.
    private mutating func scanNumber() {
        let first = bytes[position]
        let radixLetter = position + 1 < bytes.count ? bytes[position + 1] | 0x20 : 0
        if first == UInt8(ascii: "0")
            && (radixLetter == UInt8(ascii: "x") || radixLetter == UInt8(ascii: "o") || radixLetter == UInt8(ascii: "b")) {
            position += 2
            while position < bytes.count && PythonByteClass.isIdentifier(bytes[position]) {
                position += 1
            }
            return
        }
        skipDigits()
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            skipDigits()
        }
        if position < bytes.count && bytes[position] | 0x20 == UInt8(ascii: "e") {
            let hasSign = position + 1 < bytes.count
                && (bytes[position + 1] == UInt8(ascii: "+") || bytes[position + 1] == UInt8(ascii: "-"))
            if isDigit(at: position + (hasSign ? 2 : 1)) {
                position += hasSign ? 2 : 1
                skipDigits()
            }
        }
        if position < bytes.count && bytes[position] | 0x20 == UInt8(ascii: "j") {
            position += 1
        }
    }

    private mutating func skipDigits() {
        while position < bytes.count && (isDigit(at: position) || bytes[position] == UInt8(ascii: "_")) {
            position += 1
        }
    }

    /// Length of the operator at `start`, so that `**`, `->`, `==`, `:=` and friends are one token.
    private func operatorLength(at start: Int) -> Int {
        let first = bytes[start]
        let second = start + 1 < bytes.count ? bytes[start + 1] : 0
        let third = start + 2 < bytes.count ? bytes[start + 2] : 0
        if first == UInt8(ascii: "."), second == first, third == first {
            return 3
        }
        let doubles = first == UInt8(ascii: "*") || first == UInt8(ascii: "/")
            || first == UInt8(ascii: "<") || first == UInt8(ascii: ">")
        if doubles && second == first {
            return third == UInt8(ascii: "=") ? 3 : 2
        }
        if first == UInt8(ascii: "-") && second == UInt8(ascii: ">") {
            return 2
        }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
             UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "@"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: ":"):
            return second == UInt8(ascii: "=") ? 2 : 1
        default:
            return 1
        }
    }

    // MARK: - Bytes

    private mutating func skipSpaces() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                position += 1
            default:
                return
            }
        }
    }

    /// Moves to the end of the comment's line, leaving the newline for the caller.
    private mutating func skipComment() {
        while position < bytes.count && !isNewline(at: position) {
            position += 1
        }
    }

    func isNewline(at index: Int) -> Bool {
        index < bytes.count && (bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r"))
    }

    func isDigit(at index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    /// Consumes one line ending (`\n`, `\r\n` or a lone `\r`, as Python's universal newlines).
    mutating func consumeNewline() {
        if bytes[position] == UInt8(ascii: "\r") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\n") {
            position += 1
        }
        position += 1
        line += 1
    }
}
