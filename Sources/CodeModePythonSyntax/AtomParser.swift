/// Atoms: names, literals, parenthesized forms, list/dict/set displays and comprehensions.
extension Parser {
    mutating func atom() throws(Rejection) -> ExpressionShape {
        switch kind {
        case .name:
            try advance()
            return .name
        case .number, .keywordNone, .keywordTrue, .keywordFalse, .ellipsis:
            try advance()
            return .other
        case .string:
            try strings()
            return .other
        case .leftParen:
            return try parenthesized()
        case .leftBracket:
            return try listDisplay()
        case .leftBrace:
            return try braceDisplay()
        default:
            throw rejection("grammar: expected expression")
        }
    }

    /// Adjacent literals concatenate, but bytes and text may not mix.
    private mutating func strings() throws(Rejection) {
        let isBytes = tokens.literal.isBytes
        while kind == .string {
            guard tokens.literal.isBytes == isBytes else { throw rejection("grammar: cannot mix bytes and nonbytes literals") }
            if tokens.literal.isFormatted {
                try checkFormattedString(tokens.literal)
            }
            try advance()
        }
    }

    /// `()`, `(yield …)`, a group, a tuple or a generator expression.
    private mutating func parenthesized() throws(Rejection) -> ExpressionShape {
        try advance()
        try enterNesting()
        defer { nesting -= 1 }
        if kind == .rightParen {
            try advance()
            return SequenceShape().shape(.tuple)
        }
        if kind == .keywordYield {
            _ = try yieldExpression()
            try expect(.rightParen, "grammar: expected ')'")
            return .other
        }
        let hazardsBefore = comprehensionHazards
        let first = kind == .star ? try starItem() : try namedExpression()
        if kind == .keywordFor || kind == .keywordAsync {
            try comprehension(element: first, hazardsBefore: hazardsBefore)
            try expect(.rightParen, "grammar: expected ')' after generator expression")
            return .other
        }
        if kind == .comma {
            guard first.form != .walrus else { throw rejection("unsupported: walrus in tuple") }
            var sequence = SequenceShape()
            sequence.add(first)
            while kind == .comma {
                try advance()
                if kind == .rightParen { break }
                sequence.add(try starItem())
            }
            try expect(.rightParen, "grammar: expected ')'")
            return sequence.shape(.tuple)
        }
        try expect(.rightParen, "grammar: expected ')'")
        guard !first.isStarred else { throw rejection("grammar: can't use starred expression here") }
        var group = first
        group.isParenthesized = true
        return group
    }

    private mutating func listDisplay() throws(Rejection) -> ExpressionShape {
        try advance()
        try enterNesting()
        defer { nesting -= 1 }
        if kind == .rightBracket {
            try advance()
            return SequenceShape().shape(.list)
        }
        let hazardsBefore = comprehensionHazards
        let first = try starItem()
        if kind == .keywordFor || kind == .keywordAsync {
            try comprehension(element: first, hazardsBefore: hazardsBefore)
            try expect(.rightBracket, "grammar: expected ']' after list comprehension")
            return .other
        }
        var sequence = SequenceShape()
        sequence.add(first)
        while kind == .comma {
            try advance()
            if kind == .rightBracket { break }
            sequence.add(try starItem())
        }
        try expect(.rightBracket, "grammar: expected ']'")
        return sequence.shape(.list)
    }

    /// `{}`, dict and set displays and their comprehensions.
    private mutating func braceDisplay() throws(Rejection) -> ExpressionShape {
        try advance()
        try enterNesting()
        defer { nesting -= 1 }
        let hazardsBefore = comprehensionHazards
        switch kind {
        case .rightBrace:
            try advance()
        case .doubleStar:
            try advance()
            _ = try bitwiseOr()
            try dictionaryRest()
        case .star:
            _ = try starItem()
            try setRest()
        default:
            let first = try expression()
            if kind == .colon {
                try advance()
                _ = try expression()
                if kind == .keywordFor || kind == .keywordAsync {
                    try comprehension(element: .other, hazardsBefore: hazardsBefore)
                    try expect(.rightBrace, "grammar: expected '}' after dict comprehension")
                } else {
                    try dictionaryRest()
                }
            } else if kind == .keywordFor || kind == .keywordAsync {
                try comprehension(element: first, hazardsBefore: hazardsBefore)
                try expect(.rightBrace, "grammar: expected '}' after set comprehension")
            } else {
                try setRest()
            }
        }
        return .other
    }

    private mutating func dictionaryRest() throws(Rejection) {
        while kind == .comma {
            try advance()
            if kind == .rightBrace { break }
            if kind == .doubleStar {
                try advance()
                _ = try bitwiseOr()
            } else {
                _ = try expression()
                try expect(.colon, "grammar: expected ':' in dict display")
                _ = try expression()
            }
        }
        try expect(.rightBrace, "grammar: expected '}'")
    }

    private mutating func setRest() throws(Rejection) {
        while kind == .comma {
            try advance()
            if kind == .rightBrace { break }
            _ = try starItem()
        }
        try expect(.rightBrace, "grammar: expected '}'")
    }

    /// `for_if_clauses` after an element. Any walrus, `await` or `yield` in the element or
    /// the clauses goes to Python (their comprehension rules vary by version), as does
    /// `async for`.
    mutating func comprehension(element: ExpressionShape, hazardsBefore: Int) throws(Rejection) {
        guard !element.isStarred else { throw rejection("grammar: iterable unpacking cannot be used in comprehension") }
        repeat {
            guard kind != .keywordAsync else { throw rejection("unsupported: async comprehension") }
            try expect(.keywordFor, "grammar: expected 'for'")
            guard try targetList().isAssignmentTarget else { throw rejection("grammar: invalid comprehension target") }
            try expect(.keywordIn, "grammar: expected 'in'")
            _ = try disjunction()
            while kind == .keywordIf {
                try advance()
                _ = try disjunction()
            }
        } while kind == .keywordFor || kind == .keywordAsync
        guard comprehensionHazards == hazardsBefore else {
            throw rejection("unsupported: walrus, await or yield in comprehension")
        }
    }
}
