import Foundation

/// What a Python source imports and calls, read from its tokens the way CPython's `ast` sees
/// it: `Import`/`ImportFrom` statements anywhere (in functions too), and calls whose function
/// is a name or a dotted name (`eval(...)`, `os.path.join(...)`, decorators with arguments,
/// calls inside f-strings), with import aliases resolved over the whole module
/// (`import subprocess as sp` makes `sp.run(...)` a call of `subprocess.run`; `from os import
/// system` makes `system(...)` one of `os.system`). Calls of anything else (`f()()`, `a[0]()`)
/// have no name and are not listed, as `ast` gives them none.
public struct PythonReferences: Equatable, Sendable {
    public struct Import: Hashable, Sendable {
        /// `a.b` for `import a.b` and `from a.b import c`; `..x` for a relative import.
        public var module: String
        /// For `from a.b import c`: `c` (`*` for a star import); nil for `import a.b`.
        public var name: String?
        public var line: Int
    }

    public struct Call: Hashable, Sendable {
        /// The dotted name called, aliases resolved.
        public var name: String
        public var line: Int
    }

    public var imports: [Import] = []
    public var calls: [Call] = []

    /// The references of `source`; throws what the tokenizer throws for unterminated strings
    /// and unbalanced brackets.
    public static func read(_ source: [UInt8]) throws(SkillSourceError) -> PythonReferences {
        var references = PythonReferences()
        var aliases: [String: String] = [:]
        var rawCalls: [Call] = []
        try source.withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) throws(SkillSourceError) in
            var reader = ReferenceReader(bytes: bytes, lineOffset: 0)
            try reader.read()
            references.imports = reader.imports
            aliases = reader.aliases
            rawCalls = reader.calls
        }
        references.calls = rawCalls.map { call in
            let first = call.name.prefix { $0 != "." }
            guard let module = aliases[String(first)] else { return call }
            return Call(name: module + call.name.dropFirst(first.count), line: call.line)
        }
        return references
    }
}

/// Walks the tokens of one source (or of one f-string expression inside it).
private struct ReferenceReader {
    var tokenizer: PythonTokenizer
    let bytes: UnsafeBufferPointer<UInt8>
    /// Added to every line: an f-string expression's lines count from its string's.
    let lineOffset: Int
    var imports: [PythonReferences.Import] = []
    /// Bound name → what it stands for, in source order (later bindings win).
    var aliases: [String: String] = [:]
    var calls: [PythonReferences.Call] = []

    init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
        self.bytes = bytes
        self.lineOffset = lineOffset
        tokenizer = PythonTokenizer(bytes)
    }

    private func text(_ token: PythonToken) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }

    mutating func read() throws(SkillSourceError) {
        var previous: PythonToken?
        var depth = 0
        // The dotted name being read (`os`, `os.path`, `os.path.join`) as token ranges — text is
        // made only for the calls — and whether it follows `def` or `class`, whose `(` opens no
        // call.
        var chain: [Range<Int>] = []
        var chainLine = 0
        var chainIsDefinition = false
        var token = try tokenizer.next()
        while token.kind != .endOfFile {
            let startsStatement = token.startsLogicalLine
                || previous.map { ($0.is(";", in: bytes) || $0.is(":", in: bytes)) && depth == 0 } ?? true
            if token.kind == .name && startsStatement && (token.is("import", in: bytes) || token.is("from", in: bytes)) {
                let line = token.line + lineOffset
                token = try token.is("from", in: bytes) ? readFromImport(line: line) : readImport(line: line)
                previous = nil
                chain.removeAll(keepingCapacity: true)
                continue
            }
            switch token.kind {
            case .name where !isKeyword(token):
                if previous?.is(".", in: bytes) == true {
                    if !chain.isEmpty { chain.append(token.start..<token.end) }
                } else {
                    chain.removeAll(keepingCapacity: true)
                    chain.append(token.start..<token.end)
                    chainLine = token.line + lineOffset
                    chainIsDefinition = previous.map { $0.is("def", in: bytes) || $0.is("class", in: bytes) } ?? false
                }
            case .operator where token.is("(", in: bytes):
                if !chain.isEmpty && previous?.kind == .name && !chainIsDefinition {
                    let name = chain.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }.joined(separator: ".")
                    calls.append(.init(name: name, line: chainLine))
                }
                chain.removeAll(keepingCapacity: true)
                depth += 1
            case .operator where token.is(".", in: bytes):
                if previous?.kind != .name { chain.removeAll(keepingCapacity: true) }
            case .operator:
                if token.is("[", in: bytes) || token.is("{", in: bytes) { depth += 1 }
                if token.is(")", in: bytes) || token.is("]", in: bytes) || token.is("}", in: bytes) { depth = max(0, depth - 1) }
                chain.removeAll(keepingCapacity: true)
            case .string:
                if token.stringPrefix.contains(.formatted) { try readFormattedString(token) }
                chain.removeAll(keepingCapacity: true)
            default:
                chain.removeAll(keepingCapacity: true)
            }
            previous = token
            token = try tokenizer.next()
        }
    }

    /// Whether a name token is a keyword, compared byte by byte (no text is made).
    private func isKeyword(_ token: PythonToken) -> Bool {
        let length = token.end - token.start
        guard length >= 2 && length <= 8 else { return false }
        return Self.keywordBytes.contains { keyword in
            keyword.count == length && keyword.withUnsafeBufferPointer { keyword in
                memcmp(keyword.baseAddress!, bytes.baseAddress! + token.start, length) == 0
            }
        }
    }

    /// `import a.b [as c], d`: returns the token after the statement.
    private mutating func readImport(line: Int) throws(SkillSourceError) -> PythonToken {
        var token = try tokenizer.next()
        while true {
            var parts: [String] = []
            while token.kind == .name {
                parts.append(text(token))
                token = try tokenizer.next()
                guard token.is(".", in: bytes) else { break }
                token = try tokenizer.next()
            }
            guard !parts.isEmpty else { return token }
            let module = parts.joined(separator: ".")
            imports.append(.init(module: module, name: nil, line: line))
            if token.is("as", in: bytes) {
                token = try tokenizer.next()
                aliases[text(token)] = module
                token = try tokenizer.next()
            } else {
                aliases[parts[0]] = parts[0]
            }
            guard token.is(",", in: bytes) else { return token }
            token = try tokenizer.next()
        }
    }

    /// `from .a.b import (c as d, e)` or `from a import *`.
    private mutating func readFromImport(line: Int) throws(SkillSourceError) -> PythonToken {
        var module = ""
        var token = try tokenizer.next()
        while !token.is("import", in: bytes) && token.kind != .newline && token.kind != .endOfFile {
            module += text(token)
            token = try tokenizer.next()
        }
        guard token.is("import", in: bytes) else { return token }
        token = try tokenizer.next()
        let parenthesized = token.is("(", in: bytes)
        if parenthesized { token = try tokenizer.next() }
        while token.kind == .name || token.is("*", in: bytes) {
            let name = text(token)
            imports.append(.init(module: module, name: name, line: line))
            token = try tokenizer.next()
            var bound = name
            if token.is("as", in: bytes) {
                token = try tokenizer.next()
                bound = text(token)
                token = try tokenizer.next()
            }
            if name != "*" && !module.hasPrefix(".") { aliases[bound] = "\(module).\(name)" }
            guard token.is(",", in: bytes) else { break }
            token = try tokenizer.next()
        }
        if parenthesized && token.is(")", in: bytes) { token = try tokenizer.next() }
        return token
    }

    /// The expressions of an f-string's replacement fields, read as code of their own.
    private mutating func readFormattedString(_ token: PythonToken) throws(SkillSourceError) {
        var index = token.start
        while index < token.end && bytes[index] != UInt8(ascii: "'") && bytes[index] != UInt8(ascii: "\"") { index += 1 }
        let quote = bytes[index]
        let quoteLength = index + 2 < token.end && bytes[index + 1] == quote && bytes[index + 2] == quote ? 3 : 1
        let bodyEnd = token.end - quoteLength
        index += quoteLength
        var line = token.line + lineOffset
        while index < bodyEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if byte == UInt8(ascii: "{") {
                if index + 1 < bodyEnd && bytes[index + 1] == UInt8(ascii: "{") {
                    index += 2
                    continue
                }
                let start = index + 1
                let end = Self.endOfField(bytes, from: start, limit: bodyEnd)
                let expression = Array(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                try expression.withUnsafeBufferPointer { (field: UnsafeBufferPointer<UInt8>) throws(SkillSourceError) in
                    var reader = ReferenceReader(bytes: field, lineOffset: line - 1)
                    try reader.read()
                    calls += reader.calls
                }
                for position in start..<end where bytes[position] == UInt8(ascii: "\n") { line += 1 }
                index = end
                continue
            }
            index += 1
        }
    }

    /// Where a replacement field's expression ends: at the first `}`, `!` or `:` outside
    /// brackets and strings (`!=` is an operator, not a conversion).
    private static func endOfField(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var depth = 0
        var index = start
        var quote: UInt8?
        while index < limit {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else {
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: "}"):
                    if depth == 0 { return index }
                    depth -= 1
                case UInt8(ascii: "!") where depth == 0 && !(index + 1 < limit && bytes[index + 1] == UInt8(ascii: "=")):
                    return index
                case UInt8(ascii: ":") where depth == 0:
                    return index
                default: break
                }
            }
            index += 1
        }
        return limit
    }

    /// Python's keywords: a keyword before `(` (`if (`, `return (`, `not (`) is no call.
    static let keywordBytes: [[UInt8]] = keywords.map { Array($0.utf8) }

    static let keywords: [String] = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
