/// What one pass over a skill's source finds, before any rule about `run` is applied.
struct SkillSourceScan {
    /// A `def run` or `async def run` outside any class or function.
    struct RunDefinition {
        var isAsync: Bool
        var line: Int
        var parameters: [SkillParameter]
        var docstring: String?
    }

    /// A `run` inside a class or function: where, and inside what (e.g. "class Foo").
    struct NestedRun {
        var line: Int
        var enclosing: String
    }

    /// No statement at all: only whitespace and comments.
    var isEmpty = false
    var moduleDocstring: String?
    var moduleDocstringRange: Range<Int>?
    /// The last module-level `run`, the one Python binds.
    var run: RunDefinition?
    var firstNestedRun: NestedRun?
}

/// Reads a skill's source in one pass over its tokens, looking only at what matters:
/// the first statement (module docstring), the head of each logical line (`def`, `async def`,
/// `class`, to know which definitions enclose which), and `run`'s signature and first statement.
struct SkillSourceScanner {
    private struct Scope {
        var indent: Int
        var isClass: Bool
        var name: Range<Int>
    }

    private var tokenizer: PythonTokenizer
    private var scopes: [Scope] = []
    private var scan = SkillSourceScan()
    /// Set after a module-level `run` whose body starts on a later line: the `def` line's indent.
    private var runBodyPendingAfterIndent: Int?
    /// The string tokens of the statement `readDocstring` is reading, kept to reuse its storage.
    private var literals: [PythonToken] = []

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(SkillSourceError) -> SkillSourceScan {
        var scanner = SkillSourceScanner(tokenizer: PythonTokenizer(bytes))
        try scanner.scanStatements()
        return scanner.scan
    }

    /// Only the module docstring: reads the first statement and nothing after it.
    static func moduleDocstring(_ bytes: UnsafeBufferPointer<UInt8>) throws(SkillSourceError) -> String? {
        var scanner = SkillSourceScanner(tokenizer: PythonTokenizer(bytes))
        let first = try scanner.tokenizer.next()
        guard first.kind != .endOfFile else { return nil }
        return try scanner.readDocstring(startingWith: first).value
    }

    private init(tokenizer: PythonTokenizer) {
        self.tokenizer = tokenizer
    }

    private var bytes: UnsafeBufferPointer<UInt8> { tokenizer.bytes }

    private mutating func scanStatements() throws(SkillSourceError) {
        var token = try tokenizer.next()
        guard token.kind != .endOfFile else {
            scan.isEmpty = true
            return
        }
        var isFirstStatement = true
        while token.kind != .endOfFile {
            // Here `token` starts a logical line.
            while let innermost = scopes.last, innermost.indent >= token.indent {
                scopes.removeLast()
            }
            if isFirstStatement {
                isFirstStatement = false
                let docstring = try readDocstring(startingWith: token)
                scan.moduleDocstring = docstring.value
                scan.moduleDocstringRange = docstring.range
                token = docstring.next
            }
            if let defIndent = runBodyPendingAfterIndent {
                runBodyPendingAfterIndent = nil
                if token.startsLogicalLine && token.indent > defIndent {
                    let docstring = try readDocstring(startingWith: token)
                    scan.run?.docstring = docstring.value
                    token = docstring.next
                }
            }
            if token.startsLogicalLine {
                token = try readStatementHead(token)
            }
            if token.kind != .newline && token.kind != .endOfFile {
                try tokenizer.skipRestOfLogicalLine()
            }
            if token.kind != .endOfFile {
                token = try tokenizer.next()
            }
        }
    }

    /// Handles `def`, `async def` and `class` lines; returns the first token it did not use.
    private mutating func readStatementHead(_ first: PythonToken) throws(SkillSourceError) -> PythonToken {
        var keyword = first
        var isAsync = false
        if first.is("async", in: bytes) {
            isAsync = true
            keyword = try tokenizer.next()
        }
        let isClass = !isAsync && keyword.is("class", in: bytes)
        guard isClass || keyword.is("def", in: bytes) else { return keyword }
        let name = try tokenizer.next()
        guard name.kind == .name else { return name }
        defer { scopes.append(Scope(indent: first.indent, isClass: isClass, name: name.start..<name.end)) }
        guard !isClass && name.is("run", in: bytes) else { return try tokenizer.next() }

        guard scopes.isEmpty else {
            if scan.firstNestedRun == nil, let enclosing = scopes.last {
                let enclosingName = String(decoding: bytes[enclosing.name], as: UTF8.self)
                scan.firstNestedRun = .init(line: keyword.line, enclosing: (enclosing.isClass ? "class " : "def ") + enclosingName)
            }
            return try tokenizer.next()
        }
        let signature = try RunSignatureParser.parse(&tokenizer)
        scan.run = .init(isAsync: isAsync, line: keyword.line, parameters: signature.parameters, docstring: nil)
        switch signature.next.kind {
        case .newline:
            runBodyPendingAfterIndent = first.indent
            return signature.next
        case .endOfFile:
            return signature.next
        default:
            // The body is on the `def` line: `async def run(): "doc"; return 1`.
            let docstring = try readDocstring(startingWith: signature.next)
            scan.run?.docstring = docstring.value
            return docstring.next
        }
    }

    /// Reads a statement that is only a `str` literal: adjacent literals (joined), optionally in
    /// parentheses. Returns its value and the range of its tokens, or nils when the statement is
    /// anything else; `next` is the first token not consumed (the statement's end on success).
    private mutating func readDocstring(
        startingWith first: PythonToken
    ) throws(SkillSourceError) -> (value: String?, range: Range<Int>?, next: PythonToken) {
        var token = first
        var openParentheses = 0
        while token.is("(", in: bytes) {
            openParentheses += 1
            token = try tokenizer.next()
        }
        literals.removeAll(keepingCapacity: true)
        while token.kind == .string {
            literals.append(token)
            token = try tokenizer.next()
        }
        guard let lastLiteral = literals.last else { return (nil, nil, token) }
        var end = lastLiteral.end
        while openParentheses > 0 && token.is(")", in: bytes) {
            openParentheses -= 1
            end = token.end
            token = try tokenizer.next()
        }
        let endsStatement = token.kind == .newline || token.kind == .endOfFile || token.is(";", in: bytes)
        guard openParentheses == 0, endsStatement,
              let value = PythonStringLiteral.value(of: literals, in: bytes)
        else { return (nil, nil, token) }
        return (value, first.start..<end, token)
    }
}
