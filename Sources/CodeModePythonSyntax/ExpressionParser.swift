/// Expressions from `star_expressions` down to `primary`, following the grammar's
/// precedence levels. Operator chains and trailers count towards the nesting limit because
/// they nest in CPython's tree even though they are parsed in loops here.
extension Parser {
    /// `star_expressions`: one item, or a tuple when a comma follows. A lone starred item is
    /// returned as `.starred` for the caller to refuse where it is not allowed.
    mutating func starExpressions(allowingStarred: Bool = true) throws(Rejection) -> ExpressionShape {
        try itemOrTuple { parser throws(Rejection) in try parser.starItem(allowingStarred: allowingStarred) }
    }

    /// One `item`, or a tuple of items when a comma follows (a trailing comma allowed).
    mutating func itemOrTuple(_ item: (inout Parser) throws(Rejection) -> ExpressionShape) throws(Rejection) -> ExpressionShape {
        let first = try item(&self)
        guard kind == .comma else { return first }
        var sequence = SequenceShape()
        sequence.add(first)
        while kind == .comma {
            try advance()
            guard kind.startsExpression || kind == .star else { break }
            sequence.add(try item(&self))
        }
        return sequence.shape(.tuple)
    }

    /// `'*' bitwise_or | expression`, as in displays and statement-level tuples.
    @inline(__always)
    mutating func starItem(allowingStarred: Bool = true) throws(Rejection) -> ExpressionShape {
        guard kind == .star else { return try expression() }
        guard allowingStarred else { throw rejection("unsupported: starred expression here") }
        try advance()
        return .starred(try bitwiseOr())
    }

    /// An expression statement or assignment value: a yield expression or `star_expressions`.
    mutating func assignmentValue() throws(Rejection) -> ExpressionShape {
        kind == .keywordYield ? try yieldExpression() : try starExpressions()
    }

    /// `named_expression`, used only where every version accepts an unparenthesized walrus:
    /// `if`/`elif`/`while` conditions, call arguments and a parenthesized group.
    mutating func namedExpression() throws(Rejection) -> ExpressionShape {
        let target = try expression()
        guard kind == .walrus else { return target }
        guard target.form == .name && !target.isParenthesized else {
            throw rejection("grammar: invalid assignment expression target")
        }
        comprehensionHazards += 1
        try advance()
        _ = try expression()
        return .walrus
    }

    mutating func expression() throws(Rejection) -> ExpressionShape {
        try enterNesting()
        defer { nesting -= 1 }
        if kind == .keywordLambda {
            return try lambda()
        }
        let body = try disjunction()
        guard kind == .keywordIf else { return body }
        try advance()
        _ = try disjunction()
        try expect(.keywordElse, "grammar: expected 'else' in conditional expression")
        _ = try expression()
        return .other
    }

    /// `disjunction`: everything but lambda and the conditional expression.
    @inline(__always)
    mutating func disjunction() throws(Rejection) -> ExpressionShape {
        try operatorExpression(minimumPrecedence: OperatorPrecedence.or)
    }

    /// `bitwise_or`: operands of comparisons, starred items and targets.
    @inline(__always)
    mutating func bitwiseOr() throws(Rejection) -> ExpressionShape {
        try operatorExpression(minimumPrecedence: OperatorPrecedence.bitwiseOr)
    }

    /// Precedence climbing over `or`, `and`, `not`, comparisons and the binary operators,
    /// replacing the grammar's one-rule-per-level chain (which costs a call per level for
    /// every operand). Boolean operators and comparison chains build flat nodes in CPython;
    /// each arithmetic operator nests one level deeper, so it counts towards nesting.
    private mutating func operatorExpression(minimumPrecedence: Int) throws(Rejection) -> ExpressionShape {
        let nestingBefore = nesting
        defer { nesting = nestingBefore }
        var shape: ExpressionShape
        if kind == .keywordNot && minimumPrecedence <= OperatorPrecedence.not {
            try enterNesting()
            try advance()
            _ = try operatorExpression(minimumPrecedence: OperatorPrecedence.not)
            shape = .other
        } else if kind.isUnaryPrefix {
            shape = try unaryExpression()
        } else {
            // Most operands have no prefix operator: skip the recursive unary level.
            shape = try power(base: try primary())
        }
        while true {
            let precedence = OperatorPrecedence.of(kind)
            guard precedence >= minimumPrecedence else { return shape }
            switch kind {
            case .keywordNot:
                try advance()
                guard kind == .keywordIn else { throw rejection("grammar: expected 'in' after 'not'") }
            case .keywordIs:
                try advance()
                if kind == .keywordNot { try advance() }
                shape = .other
                _ = try operatorExpression(minimumPrecedence: precedence + 1)
                continue
            default:
                if precedence >= OperatorPrecedence.bitwiseOr { try enterNesting() }
            }
            try advance()
            _ = try operatorExpression(minimumPrecedence: precedence + 1)
            shape = .other
        }
    }

    /// `factor`, `power` and `await_primary`: unary `+ - ~`, `await` and `**` (whose right
    /// operand is again a factor).
    private mutating func unaryExpression() throws(Rejection) -> ExpressionShape {
        switch kind {
        case .plus, .minus, .tilde:
            try enterNesting()
            defer { nesting -= 1 }
            try advance()
            _ = try unaryExpression()
            return .other
        case .keywordAwait:
            guard scope.kind == .asyncFunction else { throw rejection("scope: 'await' outside async function") }
            comprehensionHazards += 1
            try advance()
            _ = try primary()
            return try power(base: .other)
        default:
            return try power(base: try primary())
        }
    }

    /// `base ** factor` when a `**` follows, else `base` unchanged.
    @inline(__always)
    private mutating func power(base: ExpressionShape) throws(Rejection) -> ExpressionShape {
        guard kind == .doubleStar else { return base }
        try enterNesting()
        defer { nesting -= 1 }
        try advance()
        _ = try unaryExpression()
        return .other
    }

    private mutating func primary() throws(Rejection) -> ExpressionShape {
        let nestingBefore = nesting
        defer { nesting = nestingBefore }
        var shape: ExpressionShape
        if kind == .name {
            // The commonest atom, handled here to save a call per operand.
            try advance()
            shape = .name
        } else {
            shape = try atom()
        }
        while true {
            switch kind {
            case .dot:
                try advance()
                try expect(.name, "grammar: expected attribute name")
                shape = .attribute
            case .leftParen:
                try callArguments(allowingGenerator: true)
                shape = .other
            case .leftBracket:
                try subscriptSlices()
                shape = .subscription
            default:
                return shape
            }
            try enterNesting()
        }
    }

    /// `yield [star_expressions]` or `yield from expression`, legal only in a function.
    mutating func yieldExpression() throws(Rejection) -> ExpressionShape {
        guard scope.isFunction else { throw rejection("scope: 'yield' outside function") }
        comprehensionHazards += 1
        scope.hasYield = true
        try advance()
        if kind == .keywordFrom {
            guard scope.kind == .function else { throw rejection("scope: 'yield from' inside async function") }
            try advance()
            _ = try expression()
        } else if kind.startsExpression || kind == .star {
            guard try !starExpressions().isStarred else { throw rejection("grammar: can't use starred expression here") }
        }
        return .other
    }

    /// `lambda params: expression`; defaults belong to the enclosing scope, the body to a
    /// new one where `await` is illegal and `yield` is left to Python.
    private mutating func lambda() throws(Rejection) -> ExpressionShape {
        try advance()
        try parameters(closing: .colon, annotated: false)
        try expect(.colon, "grammar: expected ':' in lambda")
        let enclosing = scope
        scope = Scope(kind: .lambda)
        _ = try expression()
        scope = enclosing
        return .other
    }

    /// An annotation; walrus, `await` and `yield` there follow version-specific rules.
    mutating func annotation() throws(Rejection) {
        let hazardsBefore = comprehensionHazards
        _ = try expression()
        guard comprehensionHazards == hazardsBefore else {
            throw rejection("unsupported: walrus, await or yield in annotation")
        }
    }
}
