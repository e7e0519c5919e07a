/// A pull tokenizer over UTF-8 bytes that follows CPython's lexical rules for the subset the
/// pre-check accepts. The parser reads the current token from `kind`, `tokenStart`,
/// `tokenEnd` and `literal`, then calls `advance()`; nothing is allocated per token.
///
/// It runs in two modes: the module mode tracks logical lines and indentation; the
/// replacement-field mode reads the expression of an f-string field (no newlines, no
/// indentation, its end is the end of the expression).
struct Tokenizer {
    /// More indentation levels could exceed CPython's 20 statically nested blocks
    /// (a `try` level can use three); realistic skills stay well below it.
    static let maximumIndentLevels = 6
    static let maximumBracketDepth = 100
    /// Longer number literals could hit the int-string conversion limit of 3.11+.
    static let maximumNumberLength = 100

    let source: UnsafePointer<UInt8>
    let limit: Int
    let isReplacementField: Bool
    var position: Int
    var line: Int

    var kind: TokenKind = .newline
    var tokenStart = 0
    var tokenEnd = 0
    var literal = StringLiteral()

    var bracketDepth = 0
    var indentColumns: [Int] = []
    var pendingDedents = 0
    /// True before the first token and after each NEWLINE: the next line's indentation is due.
    var atLineStart = true

    init(source: UnsafePointer<UInt8>, count: Int) {
        self.source = source
        limit = count
        isReplacementField = false
        position = 0
        line = 1
        indentColumns.reserveCapacity(Self.maximumIndentLevels + 1)
        indentColumns.append(0)
    }

    init(replacementFieldIn source: UnsafePointer<UInt8>, start: Int, end: Int, line: Int) {
        self.source = source
        limit = end
        isReplacementField = true
        position = start
        self.line = line
        atLineStart = false
    }

    /// The byte at `index`, or 0 past the end. A NUL inside the source reads the same, so
    /// every place that takes 0 for the end checks `requireEnd` or refuses it.
    @inline(__always)
    func byte(_ index: Int) -> UInt8 {
        index < limit ? source[index] : 0
    }

    func rejection(_ message: StaticString) -> Rejection {
        Rejection(message: message, line: line)
    }

    mutating func advance() throws(Rejection) {
        if pendingDedents > 0 {
            pendingDedents -= 1
            kind = .dedent
            return
        }
        if atLineStart, try readIndentation() {
            return
        }
        while true {
            var start = position
            while start < limit && (source[start] == UInt8(ascii: " ") || source[start] == UInt8(ascii: "\t")) {
                start += 1
            }
            position = start
            tokenStart = start
            let current = byte(start)
            switch current {
            case UInt8(ascii: "#"):
                guard !isReplacementField else { throw rejection("f-string: '#' in replacement field") }
                try skipComment()
            case UInt8(ascii: "\\"):
                try skipContinuation()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                guard !isReplacementField else { throw rejection("f-string: newline in replacement field") }
                try consumeNewline()
                if bracketDepth == 0 {
                    kind = .newline
                    atLineStart = true
                    return
                }
            case 0:
                try requireEnd()
                try finishInput()
                return
            default:
                try scanToken(startingWith: current)
                tokenEnd = position
                return
            }
        }
    }

    /// Measures the indentation of the next non-blank line and emits INDENT or DEDENT when it
    /// changes; returns false when the line continues at the current level.
    private mutating func readIndentation() throws(Rejection) -> Bool {
        while true {
            let column = spacesAhead()
            position &+= column
            switch byte(position) {
            case UInt8(ascii: "\t"):
                throw rejection("unsupported: tab in indentation")
            case UInt8(ascii: "#"):
                try skipComment()
                continue
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
                continue
            case UInt8(ascii: "\\"):
                throw rejection("unsupported: continuation at line start")
            case 0:
                try requireEnd()
                kind = .endMarker
                if indentColumns.count > 1 {
                    indentColumns.removeLast()
                    kind = .dedent
                }
                return true
            default:
                break
            }
            atLineStart = false
            let current = indentColumns[indentColumns.count - 1]
            if column > current {
                guard indentColumns.count <= Self.maximumIndentLevels else {
                    throw rejection("unsupported: indentation deeper than 6 levels")
                }
                indentColumns.append(column)
                kind = .indent
                return true
            }
            if column < current {
                var dedents = 0
                while let last = indentColumns.last, last > column {
                    indentColumns.removeLast()
                    dedents += 1
                }
                guard indentColumns.last == column else {
                    throw rejection("tokenize: unindent does not match any outer level")
                }
                pendingDedents = dedents - 1
                kind = .dedent
                return true
            }
            return false
        }
    }

    /// The number of spaces starting at `position`, eight bytes at a time.
    @inline(__always)
    private func spacesAhead() -> Int {
        var end = position
        while end &+ 8 <= limit {
            let word = UInt64(littleEndian: UnsafeRawPointer(source + end).loadUnaligned(as: UInt64.self))
            let count = ByteClass.spacePrefixLength(of: word)
            end &+= count
            if count < 8 { return end &- position }
        }
        while end < limit && source[end] == UInt8(ascii: " ") {
            end &+= 1
        }
        return end &- position
    }

    /// End of input in the middle of a logical line: close it with a NEWLINE; the dedents
    /// and the end marker follow from `readIndentation`.
    private mutating func finishInput() throws(Rejection) {
        tokenStart = position
        tokenEnd = position
        if isReplacementField {
            kind = .endMarker
            return
        }
        guard bracketDepth == 0 else { throw rejection("tokenize: unclosed bracket at end of input") }
        kind = .newline
        atLineStart = true
    }

    /// A NUL byte before the end of the source is refused, like the other control characters.
    @inline(__always)
    private func requireEnd() throws(Rejection) {
        guard position >= limit else { throw rejection("unsupported: control character") }
    }

    /// Skips to the line break, checking the bytes as `SourceBytes` requires.
    private mutating func skipComment() throws(Rejection) {
        let commentStart = position
        while position < limit {
            let current = source[position]
            if !SourceBytes.needsAttention(current) {
                position &+= 1
            } else if current == UInt8(ascii: "\n") || current == UInt8(ascii: "\r") {
                break
            } else {
                position = try SourceBytes.checkedEnd(of: source, count: limit, at: position, line: line)
            }
        }
        if line <= 2, mentionsCoding(from: commentStart) {
            throw rejection("unsupported: possible encoding declaration")
        }
    }

    /// An encoding declaration could change how CPython decodes the bytes, so a comment that
    /// mentions `coding` on the first two lines is left to Python.
    private func mentionsCoding(from start: Int) -> Bool {
        let word: StaticString = "coding"
        var index = start
        while index + word.utf8CodeUnitCount <= position {
            if matches(word, at: index) { return true }
            index += 1
        }
        return false
    }

    private mutating func skipContinuation() throws(Rejection) {
        guard !isReplacementField else { throw rejection("f-string: backslash in replacement field") }
        let next = byte(position + 1)
        guard next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") else {
            throw rejection("tokenize: unexpected character after line continuation")
        }
        position += 1
        try consumeNewline()
        guard byte(position) != 0 else { throw rejection("tokenize: end of input after line continuation") }
    }

    /// Consumes LF or CRLF; a lone CR is left to Python.
    @inline(__always)
    mutating func consumeNewline() throws(Rejection) {
        if byte(position) == UInt8(ascii: "\r") {
            guard byte(position + 1) == UInt8(ascii: "\n") else { throw rejection("unsupported: lone CR") }
            position += 1
        }
        position += 1
        line += 1
    }

    func matches(_ word: StaticString, at index: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= limit else { return false }
        let wordBytes = word.utf8Start
        for offset in 0..<length where source[index + offset] != wordBytes[offset] {
            return false
        }
        return true
    }
}
