/// Reads the signature of `def run(...)` from the tokens after the name `run`:
/// the parameter list, an optional `-> annotation` and the `:` that opens the body.
struct RunSignatureParser {
    private var tokenizer: PythonTokenizer
    private var segment: [PythonToken] = []
    private var parameters: [SkillParameter] = []

    /// The parameters py-code-mode reports for the signature, and the token after the body's `:`
    /// (a `.newline` when the body starts on the next line). On a malformed signature, the
    /// parameters read so far and the token where reading stopped.
    static func parse(_ tokenizer: inout PythonTokenizer) throws(SkillSourceError) -> (parameters: [SkillParameter], next: PythonToken) {
        var parser = RunSignatureParser(tokenizer: tokenizer)
        defer { tokenizer = parser.tokenizer }
        let next = try parser.parseSignature()
        return (parser.parameters, next)
    }

    private init(tokenizer: PythonTokenizer) {
        self.tokenizer = tokenizer
    }

    private var bytes: UnsafeBufferPointer<UInt8> { tokenizer.bytes }

    private mutating func parseSignature() throws(SkillSourceError) -> PythonToken {
        var token = try tokenizer.next()
        guard token.is("(", in: bytes) else { return token }
        token = try readParameterList()
        if token.is(")", in: bytes) {
            token = try tokenizer.next()
        }
        if token.is("->", in: bytes) {
            token = try skipReturnAnnotation()
        }
        guard token.is(":", in: bytes) else { return token }
        return try tokenizer.next()
    }

    /// Splits the tokens up to the closing `)` into one segment per parameter. A comma ends a
    /// parameter only outside brackets and outside a lambda's own parameters (`f=lambda a, b: a`).
    private mutating func readParameterList() throws(SkillSourceError) -> PythonToken {
        var depth = 0
        var lambdasAwaitingColon = 0
        while true {
            let token = try tokenizer.next()
            switch token.kind {
            case .newline, .endOfFile:
                return token
            case .name where depth == 0 && token.is("lambda", in: bytes):
                lambdasAwaitingColon += 1
            case .operator:
                switch bytes[token.start] {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 {
                        finishParameter()
                        return token
                    }
                    depth -= 1
                case UInt8(ascii: ",") where depth == 0 && lambdasAwaitingColon == 0:
                    finishParameter()
                    continue
                case UInt8(ascii: ":") where depth == 0 && lambdasAwaitingColon > 0 && token.end - token.start == 1:
                    lambdasAwaitingColon -= 1
                default:
                    break
                }
            default:
                break
            }
            segment.append(token)
        }
    }

    /// Skips `-> annotation` up to the body's `:` (brackets in the annotation may hold colons).
    private mutating func skipReturnAnnotation() throws(SkillSourceError) -> PythonToken {
        var depth = 0
        while true {
            let token = try tokenizer.next()
            guard token.kind == .operator else {
                if token.kind == .newline || token.kind == .endOfFile { return token }
                continue
            }
            switch bytes[token.start] {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ":") where depth == 0: return token
            default: break
            }
        }
    }

    /// Turns the collected segment into a parameter: `name[: annotation][= default]`, `*name`,
    /// `**name`; the markers `*` and `/` and the injected names are not parameters.
    private mutating func finishParameter() {
        defer { segment.removeAll(keepingCapacity: true) }
        var index = 0
        if let first = segment.first, first.is("*", in: bytes) || first.is("**", in: bytes) {
            index = 1
        }
        guard index < segment.count, segment[index].kind == .name else { return }
        let name = String(decoding: bytes[segment[index].start..<segment[index].end], as: UTF8.self)
        guard !SkillParameter.injectedNames.contains(name) else { return }
        index += 1

        var annotation: ArraySlice<PythonToken> = []
        if index < segment.count && segment[index].is(":", in: bytes) {
            let annotationStart = index + 1
            index = annotationStart
            var depth = 0
            while index < segment.count && !(depth == 0 && segment[index].is("=", in: bytes)) {
                depth += bracketChange(segment[index])
                index += 1
            }
            annotation = segment[annotationStart..<index]
        }
        var defaultValue: JSONValue?
        if index < segment.count && segment[index].is("=", in: bytes) {
            let literal = PythonLiteralParser.literal(segment[(index + 1)...], in: bytes)
            defaultValue = literal?.jsonValue ?? JSONValue.null
        }
        parameters.append(SkillParameter(
            name: name,
            type: SkillParameter.type(ofAnnotation: annotationText(annotation)),
            required: defaultValue == nil,
            defaultValue: defaultValue ?? .null))
    }

    /// The annotation as the type map sees it: a lone name's text, or the content of a string
    /// annotation without whitespace (`get_type_hints` evaluates `"int"` to `int`).
    /// Longer annotations can never be one of the mapped builtins, so they give nil.
    private func annotationText(_ annotation: ArraySlice<PythonToken>) -> String? {
        if annotation.count == 1, let token = annotation.first, token.kind == .name {
            return String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        }
        guard !annotation.isEmpty, let content = PythonStringLiteral.value(of: annotation, in: bytes) else { return nil }
        var withoutWhitespace = String.UnicodeScalarView()
        withoutWhitespace.append(contentsOf: content.unicodeScalars.lazy.filter { !PythonWhitespace.isWhitespace($0) })
        return String(withoutWhitespace)
    }

    private func bracketChange(_ token: PythonToken) -> Int {
        guard token.kind == .operator else { return 0 }
        switch bytes[token.start] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): return 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): return -1
        default: return 0
        }
    }
}
