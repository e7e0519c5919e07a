/// Call arguments, subscripts and the target lists of `for`, comprehensions and `del`.
extension Parser {
    /// `(args)` after a primary or in a class header. Keyword names are collected to refuse
    /// repeats; the order rules are those of the 3.9 `args`/`kwargs` grammar.
    mutating func callArguments(allowingGenerator: Bool) throws(Rejection) {
        try advance()
        try enterNesting()
        defer { nesting -= 1 }
        let mark = names.mark
        defer { names.truncate(to: mark) }
        var sawKeyword = false
        var sawDoubleStar = false
        var count = 0
        while kind != .rightParen {
            switch kind {
            case .star:
                guard !sawDoubleStar else { throw rejection("grammar: iterable unpacking follows keyword unpacking") }
                try advance()
                _ = try expression()
            case .doubleStar:
                try advance()
                _ = try expression()
                sawDoubleStar = true
            default:
                let nameSpan = tokens.tokenStart..<tokens.tokenEnd
                let hazardsBefore = comprehensionHazards
                let argument = try namedExpression()
                if kind == .equal {
                    guard argument.form == .name && !argument.isParenthesized else {
                        throw rejection("grammar: expression cannot contain assignment")
                    }
                    guard names.insertUnique(nameSpan, since: mark, in: tokens.source) else {
                        throw rejection("grammar: keyword argument repeated")
                    }
                    try advance()
                    _ = try expression()
                    sawKeyword = true
                } else if kind == .keywordFor || kind == .keywordAsync {
                    guard allowingGenerator && count == 0 else {
                        throw rejection("grammar: generator expression must be parenthesized")
                    }
                    try comprehension(element: argument, hazardsBefore: hazardsBefore)
                    guard kind == .rightParen else { throw rejection("grammar: generator expression must be parenthesized") }
                } else {
                    guard !sawKeyword && !sawDoubleStar else {
                        throw rejection("grammar: positional argument follows keyword argument")
                    }
                }
            }
            count += 1
            guard kind == .comma else { break }
            try advance()
        }
        try expect(.rightParen, "grammar: expected ')' after arguments")
    }

    /// `[slices]`: expressions or `a:b:c` slices, comma-separated (no starred items or walrus,
    /// which only newer versions accept).
    mutating func subscriptSlices() throws(Rejection) {
        try advance()
        try enterNesting()
        defer { nesting -= 1 }
        try slice()
        while kind == .comma {
            try advance()
            if kind == .rightBracket { break }
            try slice()
        }
        try expect(.rightBracket, "grammar: expected ']'")
    }

    private mutating func slice() throws(Rejection) {
        if kind != .colon {
            _ = try expression()
            guard kind == .colon else { return }
        }
        try advance()
        if kind.startsExpression {
            _ = try expression()
        }
        if kind == .colon {
            try advance()
            if kind.startsExpression {
                _ = try expression()
            }
        }
    }

    /// Targets of `for`, comprehensions and `del`: items at `bitwise_or` level so that the
    /// following `in` is not taken for a comparison.
    mutating func targetList() throws(Rejection) -> ExpressionShape {
        try itemOrTuple { parser throws(Rejection) in try parser.targetItem() }
    }

    mutating func targetItem() throws(Rejection) -> ExpressionShape {
        guard kind == .star else { return try bitwiseOr() }
        try advance()
        return .starred(try bitwiseOr())
    }
}
