/// A recursive-descent parser over the pull tokenizer, following the CPython 3.9 PEG grammar
/// restricted to constructs that 3.9–3.13 all accept, plus the compiler and symbol-table
/// checks that turn a parsed program into a SyntaxError. It builds no tree: each expression
/// parser returns only the `ExpressionShape` its caller needs to check targets.
struct Parser {
    /// Nesting beyond this (brackets, unary chains, operator chains, trailers) is left to
    /// Python: CPython's own recursion limits differ between versions.
    static let maximumNesting = 100

    var tokens: Tokenizer
    var scope = Scope()
    var nesting = 0
    /// Counts walrus, `await` and `yield` expressions seen so far. Comprehensions compare it
    /// before and after: their scoping rules for these differ by version, so Python decides.
    var comprehensionHazards = 0
    var names = NameList()

    init(source: UnsafePointer<UInt8>, count: Int) {
        tokens = Tokenizer(source: source, count: count)
    }

    @inline(__always)
    var kind: TokenKind { tokens.kind }

    @inline(__always)
    mutating func advance() throws(Rejection) {
        try tokens.advance()
    }

    func rejection(_ message: StaticString) -> Rejection {
        tokens.rejection(message)
    }

    @inline(__always)
    mutating func expect(_ expected: TokenKind, _ message: StaticString) throws(Rejection) {
        guard kind == expected else { throw rejection(message) }
        try advance()
    }

    @inline(__always)
    mutating func enterNesting() throws(Rejection) {
        nesting += 1
        guard nesting <= Self.maximumNesting else { throw rejection("unsupported: nesting too deep") }
    }

    mutating func parseFile() throws(Rejection) {
        try advance()
        while kind != .endMarker {
            try statement()
        }
    }
}
