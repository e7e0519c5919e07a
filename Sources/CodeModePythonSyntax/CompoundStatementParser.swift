/// Statements with blocks: `if`, `while`, `for`, `try`, `with` and the `async` forms.
extension Parser {
    mutating func statement() throws(Rejection) {
        switch kind {
        case .keywordIf: try ifStatement()
        case .keywordWhile: try whileStatement()
        case .keywordFor: try forStatement()
        case .keywordTry: try tryStatement()
        case .keywordWith: try withStatement()
        case .keywordDef: try functionDefinition(isAsync: false)
        case .keywordClass: try classDefinition()
        case .at: try decoratedDefinition()
        case .keywordAsync: try asyncStatement()
        case .indent: throw rejection("grammar: unexpected indent")
        default: try simpleStatements()
        }
    }

    /// `NEWLINE INDENT statements DEDENT`, or simple statements on the header's line.
    mutating func block() throws(Rejection) {
        guard kind == .newline else {
            try simpleStatements()
            return
        }
        try advance()
        try expect(.indent, "grammar: expected an indented block")
        repeat {
            try statement()
        } while kind != .dedent && kind != .endMarker
        try expect(.dedent, "grammar: expected dedent")
    }

    private mutating func colonAndBlock() throws(Rejection) {
        try expect(.colon, "grammar: expected ':'")
        try block()
    }

    private mutating func loopBody() throws(Rejection) {
        try expect(.colon, "grammar: expected ':'")
        scope.loopDepth += 1
        try block()
        scope.loopDepth -= 1
    }

    /// The `else` of a loop is not inside the loop.
    private mutating func optionalElse() throws(Rejection) {
        guard kind == .keywordElse else { return }
        try advance()
        try colonAndBlock()
    }

    /// Each `elif` nests one level deeper in CPython's tree, so it counts towards nesting.
    private mutating func ifStatement() throws(Rejection) {
        let nestingBefore = nesting
        defer { nesting = nestingBefore }
        try advance()
        _ = try namedExpression()
        try colonAndBlock()
        while kind == .keywordElif {
            try enterNesting()
            try advance()
            _ = try namedExpression()
            try colonAndBlock()
        }
        try optionalElse()
    }

    private mutating func whileStatement() throws(Rejection) {
        try advance()
        _ = try namedExpression()
        try loopBody()
        try optionalElse()
    }

    private mutating func forStatement() throws(Rejection) {
        try advance()
        guard try targetList().isAssignmentTarget else { throw rejection("grammar: invalid for-loop target") }
        try expect(.keywordIn, "grammar: expected 'in'")
        _ = try starExpressions(allowingStarred: false)
        try loopBody()
        try optionalElse()
    }

    private mutating func tryStatement() throws(Rejection) {
        try advance()
        try colonAndBlock()
        var handlerCount = 0
        var sawBareExcept = false
        while kind == .keywordExcept {
            guard !sawBareExcept else { throw rejection("grammar: default 'except:' must be last") }
            try advance()
            switch kind {
            case .star:
                throw rejection("unsupported: except*")
            case .colon:
                sawBareExcept = true
            default:
                _ = try expression()
                if kind == .keywordAs {
                    try advance()
                    try expect(.name, "grammar: expected name after 'as'")
                }
            }
            try colonAndBlock()
            handlerCount += 1
        }
        if kind == .keywordElse {
            guard handlerCount > 0 else { throw rejection("grammar: 'else' without 'except'") }
            try advance()
            try colonAndBlock()
        }
        var sawFinally = false
        if kind == .keywordFinally {
            try advance()
            try colonAndBlock()
            sawFinally = true
        }
        guard handlerCount > 0 || sawFinally else { throw rejection("grammar: expected 'except' or 'finally'") }
    }

    /// Items are plain expressions: a parenthesized item list parses as a tuple (valid
    /// everywhere) or fails at `as`, leaving 3.9's parenthesized form to Python.
    private mutating func withStatement() throws(Rejection) {
        try advance()
        repeat {
            _ = try expression()
            if kind == .keywordAs {
                try advance()
                guard try targetItem().isAssignmentTarget else { throw rejection("grammar: invalid with target") }
            }
            guard kind == .comma else { break }
            try advance()
        } while true
        try colonAndBlock()
    }

    private mutating func asyncStatement() throws(Rejection) {
        try advance()
        switch kind {
        case .keywordDef:
            try functionDefinition(isAsync: true)
        case .keywordFor, .keywordWith:
            guard scope.kind == .asyncFunction else { throw rejection("scope: 'async for/with' outside async function") }
            if kind == .keywordFor {
                try forStatement()
            } else {
                try withStatement()
            }
        default:
            throw rejection("grammar: expected 'def', 'for' or 'with' after 'async'")
        }
    }
}
