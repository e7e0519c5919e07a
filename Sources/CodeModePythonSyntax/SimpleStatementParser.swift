/// Simple statements and the `;`-separated lines they form.
extension Parser {
    mutating func simpleStatements() throws(Rejection) {
        try simpleStatement()
        while kind == .semicolon {
            try advance()
            if kind == .newline { break }
            try simpleStatement()
        }
        try expect(.newline, "grammar: expected end of statement")
    }

    private mutating func simpleStatement() throws(Rejection) {
        switch kind {
        case .keywordPass:
            try advance()
        case .keywordBreak, .keywordContinue:
            guard scope.loopDepth > 0 else { throw rejection("scope: 'break' or 'continue' outside loop") }
            try advance()
        case .keywordReturn:
            try returnStatement()
        case .keywordRaise:
            try raiseStatement()
        case .keywordGlobal, .keywordNonlocal:
            throw rejection("unsupported: global or nonlocal")
        case .keywordDel:
            try advance()
            guard try targetList().isDeletable else { throw rejection("grammar: cannot delete expression") }
        case .keywordAssert:
            try advance()
            _ = try expression()
            if kind == .comma {
                try advance()
                _ = try expression()
            }
        case .keywordImport:
            try importStatement()
        case .keywordFrom:
            try fromImportStatement()
        default:
            try expressionStatement()
        }
    }

    private mutating func returnStatement() throws(Rejection) {
        guard scope.isFunction else { throw rejection("scope: 'return' outside function") }
        try advance()
        guard kind.startsExpression || kind == .star else { return }
        guard try !starExpressions().isStarred else { throw rejection("grammar: can't use starred expression here") }
        scope.hasReturnValue = true
    }

    private mutating func raiseStatement() throws(Rejection) {
        try advance()
        guard kind.startsExpression else { return }
        _ = try expression()
        if kind == .keywordFrom {
            try advance()
            _ = try expression()
        }
    }

    /// Expression statements and plain, chained, augmented and annotated assignments.
    private mutating func expressionStatement() throws(Rejection) {
        let first = try assignmentValue()
        switch kind {
        case .equal:
            var target = first
            while kind == .equal {
                guard target.isAssignmentTarget else { throw rejection("grammar: cannot assign to expression") }
                try advance()
                target = try assignmentValue()
            }
            guard !target.isStarred else { throw rejection("grammar: can't use starred expression here") }
        case .augmentedAssign:
            guard first.isSingleTarget else { throw rejection("grammar: invalid augmented assignment target") }
            try advance()
            guard try !assignmentValue().isStarred else { throw rejection("grammar: can't use starred expression here") }
        case .colon:
            guard first.isSingleTarget else { throw rejection("grammar: invalid annotation target") }
            try advance()
            try annotation()
            if kind == .equal {
                try advance()
                guard try !starExpressions().isStarred else { throw rejection("grammar: can't use starred expression here") }
            }
        default:
            guard !first.isStarred else { throw rejection("grammar: can't use starred expression here") }
        }
    }
}
