/// Reads a default value's tokens as a Python literal and gives the JSON that Python's
/// `json.loads(json.dumps(value))` would give: None, True, False, numbers (with signs), strings
/// (joined when adjacent), lists, tuples (as arrays) and dicts of literals.
///
/// nil means no JSON value: not a literal (names, calls, operators, lambdas, f-strings), or a
/// literal JSON cannot carry here (bytes, sets, complex numbers, integers beyond `Int`, infinity).
/// Both give a null default, so parsing stops at the first such part.
struct PythonLiteralParser {
    /// Nesting deeper than this is not read (CPython's parser stops at 200 anyway).
    private static let maximumDepth = 100

    private let tokens: ArraySlice<PythonToken>
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int

    static func jsonValue(_ tokens: ArraySlice<PythonToken>, in bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var parser = PythonLiteralParser(tokens: tokens, bytes: bytes, index: tokens.startIndex)
        guard let value = parser.parseValue(depth: 0), parser.index == tokens.endIndex else { return nil }
        return value
    }

    private init(tokens: ArraySlice<PythonToken>, bytes: UnsafeBufferPointer<UInt8>, index: Int) {
        self.tokens = tokens
        self.bytes = bytes
        self.index = index
    }

    private mutating func parseValue(depth: Int) -> JSONValue? {
        guard depth <= Self.maximumDepth, let token = take() else { return nil }
        switch token.kind {
        case .number:
            return PythonNumberLiteral.jsonValue(bytes[token.start..<token.end], negated: false)
        case .string:
            return parseStrings()
        case .name:
            if token.is("None", in: bytes) { return JSONValue.null }
            if token.is("True", in: bytes) { return .bool(true) }
            if token.is("False", in: bytes) { return .bool(false) }
            return nil
        case .operator:
            if token.is("-", in: bytes) || token.is("+", in: bytes) {
                return parseSigned(negated: token.is("-", in: bytes))
            }
            if token.is("(", in: bytes) { return parseParenthesized(depth: depth) }
            if token.is("[", in: bytes) {
                return parseItems(closedBy: "]", depth: depth).map { JSONValue.array($0) }
            }
            if token.is("{", in: bytes) { return parseDict(depth: depth) }
            return nil
        case .newline, .endOfFile:
            return nil
        }
    }

    /// `-1`, `+2.5`, `--3`: Python applies each sign to the number when the function is defined.
    private mutating func parseSigned(negated: Bool) -> JSONValue? {
        var isNegative = negated
        while let token = take() {
            if token.is("-", in: bytes) {
                isNegative.toggle()
            } else if !token.is("+", in: bytes) {
                guard token.kind == .number else { return nil }
                return PythonNumberLiteral.jsonValue(bytes[token.start..<token.end], negated: isNegative)
            }
        }
        return nil
    }

    /// Adjacent string tokens are one `str` literal (bytes and f-strings give nil).
    private mutating func parseStrings() -> JSONValue? {
        let start = index - 1
        while let next = peek(), next.kind == .string {
            index += 1
        }
        return PythonStringLiteral.value(of: tokens[start..<index], in: bytes).map { .string($0) }
    }

    /// `()` is an empty tuple, `(x)` is x, `(x,)` and `(x, y)` are tuples.
    private mutating func parseParenthesized(depth: Int) -> JSONValue? {
        if takeOperator(")") { return .array([]) }
        guard let first = parseValue(depth: depth + 1) else { return nil }
        if takeOperator(")") { return first }
        guard takeOperator(","), let rest = parseItems(closedBy: ")", depth: depth) else { return nil }
        return .array([first] + rest)
    }

    /// `{}` and `{k: v, ...}`; a set (`{a, b}`) has no `:` after its first item and gives nil.
    private mutating func parseDict(depth: Int) -> JSONValue? {
        var pairs: [(key: JSONValue, value: JSONValue)] = []
        while !takeOperator("}") {
            guard let key = parseValue(depth: depth + 1), takeOperator(":"),
                  let value = parseValue(depth: depth + 1)
            else { return nil }
            pairs.append((key, value))
            guard takeOperator(",") || peekOperator("}") else { return nil }
        }
        return PythonDictLiteral.jsonObject(pairs)
    }

    /// Comma-separated literals up to `closer`, a trailing comma allowed; the opener is already taken.
    private mutating func parseItems(closedBy closer: StaticString, depth: Int) -> [JSONValue]? {
        var items: [JSONValue] = []
        while !takeOperator(closer) {
            guard let item = parseValue(depth: depth + 1) else { return nil }
            items.append(item)
            guard takeOperator(",") || peekOperator(closer) else { return nil }
        }
        return items
    }

    private mutating func take() -> PythonToken? {
        guard index < tokens.endIndex else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    private func peek() -> PythonToken? {
        index < tokens.endIndex ? tokens[index] : nil
    }

    private func peekOperator(_ text: StaticString) -> Bool {
        guard let token = peek() else { return false }
        return token.kind == .operator && token.is(text, in: bytes)
    }

    private mutating func takeOperator(_ text: StaticString) -> Bool {
        guard peekOperator(text) else { return false }
        index += 1
        return true
    }
}
