/// Reads a default value's tokens as a Python literal: None, True, False, numbers (with signs),
/// strings (joined when adjacent), and lists, tuples, dicts and sets of literals.
/// Anything else (names, calls, operators, lambdas, f-strings) is not a literal.
struct PythonLiteralParser {
    /// Nesting deeper than this is not read (CPython's parser stops at 200 anyway).
    private static let maximumDepth = 100

    private let tokens: ArraySlice<PythonToken>
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int

    /// The literal the tokens spell, or nil when they are not exactly one literal.
    static func literal(_ tokens: ArraySlice<PythonToken>, in bytes: UnsafeBufferPointer<UInt8>) -> PythonLiteral? {
        var parser = PythonLiteralParser(tokens: tokens, bytes: bytes, index: tokens.startIndex)
        guard let value = parser.parseValue(depth: 0), parser.index == tokens.endIndex else { return nil }
        return value
    }

    private init(tokens: ArraySlice<PythonToken>, bytes: UnsafeBufferPointer<UInt8>, index: Int) {
        self.tokens = tokens
        self.bytes = bytes
        self.index = index
    }

    private mutating func parseValue(depth: Int) -> PythonLiteral? {
        guard depth <= Self.maximumDepth, let token = take() else { return nil }
        switch token.kind {
        case .number:
            return PythonNumberLiteral.value(bytes[token.start..<token.end], negated: false)
        case .string:
            return parseStrings()
        case .name:
            if token.is("None", in: bytes) { return PythonLiteral.none }
            if token.is("True", in: bytes) { return .bool(true) }
            if token.is("False", in: bytes) { return .bool(false) }
            return nil
        case .operator:
            if token.is("-", in: bytes) || token.is("+", in: bytes) {
                return parseSigned(negated: token.is("-", in: bytes))
            }
            if token.is("(", in: bytes) { return parseParenthesized(depth: depth) }
            if token.is("[", in: bytes) {
                return parseItems(closedBy: "]", depth: depth).map { PythonLiteral.list($0) }
            }
            if token.is("{", in: bytes) { return parseBraces(depth: depth) }
            return nil
        case .newline, .endOfFile:
            return nil
        }
    }

    /// `-1`, `+2.5`, `--3`: Python applies each sign to the number when the function is defined.
    private mutating func parseSigned(negated: Bool) -> PythonLiteral? {
        var isNegative = negated
        while let token = take() {
            if token.is("-", in: bytes) {
                isNegative.toggle()
            } else if token.is("+", in: bytes) {
                continue
            } else if token.kind == .number {
                return PythonNumberLiteral.value(bytes[token.start..<token.end], negated: isNegative)
            } else {
                return nil
            }
        }
        return nil
    }

    /// Adjacent string tokens are one literal; all must be `str` or all bytes (which JSON cannot carry).
    private mutating func parseStrings() -> PythonLiteral? {
        let start = index - 1
        while let next = peek(), next.kind == .string {
            index += 1
        }
        let strings = tokens[start..<index]
        if let value = PythonStringLiteral.value(of: strings, in: bytes) {
            return .string(value)
        }
        let allBytes = strings.allSatisfy { $0.stringPrefix.contains(.bytes) }
        return allBytes ? .unrepresentable : nil
    }

    /// `()` is an empty tuple, `(x)` is x, `(x,)` and `(x, y)` are tuples.
    private mutating func parseParenthesized(depth: Int) -> PythonLiteral? {
        if takeOperator(")") { return .tuple([]) }
        guard let first = parseValue(depth: depth + 1) else { return nil }
        if takeOperator(")") { return first }
        guard takeOperator(","), let rest = parseItems(closedBy: ")", depth: depth) else { return nil }
        return .tuple([first] + rest)
    }

    /// `{}` and `{k: v, ...}` are dicts; `{a, b}` is a set, which JSON cannot carry.
    private mutating func parseBraces(depth: Int) -> PythonLiteral? {
        if takeOperator("}") { return .dict([]) }
        guard let firstKey = parseValue(depth: depth + 1) else { return nil }
        guard takeOperator(":") else {
            if takeOperator("}") { return .unrepresentable }
            guard takeOperator(","), parseItems(closedBy: "}", depth: depth) != nil else { return nil }
            return .unrepresentable
        }
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        var key = firstKey
        while true {
            guard let value = parseValue(depth: depth + 1) else { return nil }
            pairs.append((key, value))
            if takeOperator("}") { return .dict(pairs) }
            guard takeOperator(",") else { return nil }
            if takeOperator("}") { return .dict(pairs) }
            guard let nextKey = parseValue(depth: depth + 1), takeOperator(":") else { return nil }
            key = nextKey
        }
    }

    /// Comma-separated literals up to `closer`, a trailing comma allowed; the opener is already taken.
    private mutating func parseItems(closedBy closer: StaticString, depth: Int) -> [PythonLiteral]? {
        var items: [PythonLiteral] = []
        while true {
            if takeOperator(closer) { return items }
            guard let item = parseValue(depth: depth + 1) else { return nil }
            items.append(item)
            if takeOperator(closer) { return items }
            guard takeOperator(",") else { return nil }
        }
    }

    private mutating func take() -> PythonToken? {
        guard index < tokens.endIndex else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    private func peek() -> PythonToken? {
        index < tokens.endIndex ? tokens[index] : nil
    }

    private mutating func takeOperator(_ text: StaticString) -> Bool {
        guard let token = peek(), token.kind == .operator, token.is(text, in: bytes) else { return false }
        index += 1
        return true
    }
}
