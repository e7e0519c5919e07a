/// `def`, `async def`, `class`, decorators and parameter lists.
extension Parser {
    mutating func functionDefinition(isAsync: Bool) throws(Rejection) {
        try advance()
        try expect(.name, "grammar: expected function name")
        try expect(.leftParen, "grammar: expected '('")
        try parameters(closing: .rightParen, annotated: true)
        try expect(.rightParen, "grammar: expected ')' after parameters")
        if kind == .arrow {
            try advance()
            try annotation()
        }
        try expect(.colon, "grammar: expected ':'")
        let enclosing = scope
        scope = Scope(kind: isAsync ? .asyncFunction : .function)
        try block()
        if scope.kind == .asyncFunction && scope.hasYield && scope.hasReturnValue {
            throw rejection("scope: 'return' with value in async generator")
        }
        scope = enclosing
    }

    mutating func classDefinition() throws(Rejection) {
        try advance()
        try expect(.name, "grammar: expected class name")
        if kind == .leftParen {
            try callArguments(allowingGenerator: false)
        }
        try expect(.colon, "grammar: expected ':'")
        let enclosing = scope
        scope = Scope(kind: .classBody)
        try block()
        scope = enclosing
    }

    /// Since 3.9 (PEP 614) a decorator may be any expression.
    mutating func decoratedDefinition() throws(Rejection) {
        while kind == .at {
            try advance()
            _ = try expression()
            try expect(.newline, "grammar: expected newline after decorator")
        }
        switch kind {
        case .keywordDef:
            try functionDefinition(isAsync: false)
        case .keywordClass:
            try classDefinition()
        case .keywordAsync:
            try advance()
            guard kind == .keywordDef else { throw rejection("grammar: expected 'def' after 'async'") }
            try functionDefinition(isAsync: true)
        default:
            throw rejection("grammar: expected definition after decorator")
        }
    }

    /// Parameters of a `def` (annotated, closed by `)`) or a `lambda` (closed by `:`), with
    /// the rules CPython enforces: `/` after at least one positional parameter and before
    /// `*`; no parameter without default after one with a default (keyword-only excepted);
    /// one `*`, which must be followed by a named parameter when bare; `**kwargs` last;
    /// no duplicate names. Defaults belong to the enclosing scope.
    mutating func parameters(closing: TokenKind, annotated: Bool) throws(Rejection) {
        let mark = names.mark
        defer { names.truncate(to: mark) }
        var sawDefault = false
        var sawSlash = false
        var sawStar = false
        var sawDoubleStar = false
        var bareStarNeedsName = false
        var positionalCount = 0
        while kind != closing {
            guard !sawDoubleStar else { throw rejection("grammar: parameter after **kwargs") }
            switch kind {
            case .slash:
                guard !sawSlash && !sawStar && positionalCount > 0 else { throw rejection("grammar: misplaced '/'") }
                sawSlash = true
                try advance()
            case .star:
                guard !sawStar else { throw rejection("grammar: more than one '*' parameter") }
                sawStar = true
                try advance()
                if kind == .comma {
                    bareStarNeedsName = true
                } else {
                    try parameterName(since: mark, annotated: annotated)
                }
            case .doubleStar:
                try advance()
                try parameterName(since: mark, annotated: annotated)
                sawDoubleStar = true
            default:
                try parameterName(since: mark, annotated: annotated)
                if kind == .equal {
                    try advance()
                    _ = try expression()
                    sawDefault = true
                } else if sawDefault && !sawStar {
                    throw rejection("grammar: non-default argument follows default argument")
                }
                if sawStar {
                    bareStarNeedsName = false
                } else {
                    positionalCount += 1
                }
            }
            guard kind == .comma else { break }
            try advance()
        }
        guard !bareStarNeedsName else { throw rejection("grammar: named arguments must follow bare *") }
    }

    private mutating func parameterName(since mark: Int, annotated: Bool) throws(Rejection) {
        guard kind == .name else { throw rejection("grammar: expected parameter name") }
        guard names.insertUnique(tokens.tokenStart..<tokens.tokenEnd, since: mark, in: tokens.source) else {
            throw rejection("grammar: duplicate argument in function definition")
        }
        try advance()
        if annotated && kind == .colon {
            try advance()
            try annotation()
        }
    }
}
