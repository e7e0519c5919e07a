/// Reads the signature of `def run(...)` from the tokens after the name `run`:
/// the parameter list, an optional `-> annotation` and the `:` that opens the body.
struct RunSignatureParser {
    private var tokenizer: PythonTokenizer
    private var segment: [PythonToken] = []
    private var parameters: [SkillParameter] = []

    private init(tokenizer: PythonTokenizer) {
        self.tokenizer = tokenizer
        segment.reserveCapacity(16)
        parameters.reserveCapacity(8)
    }

    /// The parameters py-code-mode reports for the signature, and the token after the body's `:`
    /// (a `.newline` when the body starts on the next line). On a malformed signature, the
    /// parameters read so far and the token where reading stopped.
    static func parse(_ tokenizer: inout PythonTokenizer) throws(SkillSourceError) -> (parameters: [SkillParameter], next: PythonToken) {
        var parser = RunSignatureParser(tokenizer: tokenizer)
        defer { tokenizer = parser.tokenizer }
        let next = try parser.parseSignature()
        return (parser.parameters, next)
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
            if token.kind == .newline || token.kind == .endOfFile {
                return token
            }
            let change = Self.bracketChange(token, in: bytes)
            if change < 0 && depth == 0 {
                finishParameter()
                return token
            }
            depth += change
            if depth == 0 {
                if token.is("lambda", in: bytes) {
                    lambdasAwaitingColon += 1
                } else if token.is(",", in: bytes) && lambdasAwaitingColon == 0 {
                    finishParameter()
                    continue
                } else if token.is(":", in: bytes) && lambdasAwaitingColon > 0 {
                    lambdasAwaitingColon -= 1
                }
            }
            segment.append(token)
        }
    }

    /// Skips `-> annotation` up to the body's `:` (brackets in the annotation may hold colons).
    private mutating func skipReturnAnnotation() throws(SkillSourceError) -> PythonToken {
        var depth = 0
        while true {
            let token = try tokenizer.next()
            if token.kind == .newline || token.kind == .endOfFile || (depth == 0 && token.is(":", in: bytes)) {
                return token
            }
            depth += Self.bracketChange(token, in: bytes)
        }
    }

    private mutating func finishParameter() {
        if let parameter = Self.parameter(from: segment[...], in: bytes) {
            parameters.append(parameter)
        }
        segment.removeAll(keepingCapacity: true)
    }

    /// The parameter one segment declares: `name[: annotation][= default]`, `*name`, `**name`;
    /// nil for the markers `*` and `/` and for the names py-code-mode skips as injected.
    private static func parameter(from segment: ArraySlice<PythonToken>, in bytes: UnsafeBufferPointer<UInt8>) -> SkillParameter? {
        var index = segment.startIndex
        if let first = segment.first, first.is("*", in: bytes) || first.is("**", in: bytes) {
            index += 1
        }
        guard index < segment.endIndex, segment[index].kind == .name else { return nil }
        let nameToken = segment[index]
        guard !SkillParameter.isInjected(nameToken, in: bytes) else { return nil }
        index += 1

        var annotation: ArraySlice<PythonToken> = []
        if index < segment.endIndex && segment[index].is(":", in: bytes) {
            let annotationStart = index + 1
            index = annotationStart
            var depth = 0
            while index < segment.endIndex && !(depth == 0 && segment[index].is("=", in: bytes)) {
                depth += bracketChange(segment[index], in: bytes)
                index += 1
            }
            annotation = segment[annotationStart..<index]
        }
        let hasDefault = index < segment.endIndex && segment[index].is("=", in: bytes)
        let defaultValue = hasDefault ? PythonLiteralParser.jsonValue(segment[(index + 1)...], in: bytes) : nil
        return SkillParameter(
            name: String(decoding: bytes[nameToken.start..<nameToken.end], as: UTF8.self),
            type: SkillParameter.type(ofAnnotation: annotationText(annotation, in: bytes)),
            required: !hasDefault,
            defaultValue: defaultValue ?? .null)
    }

    /// The annotation as the type map sees it: a lone name's text, or the content of a string
    /// annotation without whitespace (`get_type_hints` evaluates `"int"` to `int`).
    /// Longer annotations can never be one of the mapped builtins, so they give nil.
    private static func annotationText(_ annotation: ArraySlice<PythonToken>, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if annotation.count == 1, let token = annotation.first, token.kind == .name {
            return String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        }
        guard !annotation.isEmpty, let content = PythonStringLiteral.value(of: annotation, in: bytes) else { return nil }
        var withoutWhitespace = String.UnicodeScalarView()
        withoutWhitespace.append(contentsOf: content.unicodeScalars.lazy.filter { !PythonWhitespace.isWhitespace($0) })
        return String(withoutWhitespace)
    }

    /// +1 for an opening bracket, -1 for a closing one, 0 for any other token.
    private static func bracketChange(_ token: PythonToken, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard token.kind == .operator else { return 0 }
        switch bytes[token.start] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): return 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): return -1
        default: return 0
        }
    }
}
