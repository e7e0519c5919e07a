/// `import` and `from … import` statements.
extension Parser {
    mutating func importStatement() throws(Rejection) {
        try advance()
        repeat {
            try dottedName()
            try optionalAlias()
        } while try acceptComma()
    }

    /// `from __future__` changes compilation and `import *` is legal only at module level;
    /// the first goes to Python, the second is checked.
    mutating func fromImportStatement() throws(Rejection) {
        try advance()
        var leadingDots = 0
        while kind == .dot || kind == .ellipsis {
            leadingDots += 1
            try advance()
        }
        if kind == .name {
            if leadingDots == 0 && tokens.tokenEnd - tokens.tokenStart == 10 && tokens.matches("__future__", at: tokens.tokenStart) {
                throw rejection("unsupported: from __future__ import")
            }
            try dottedName()
        } else if leadingDots == 0 {
            throw rejection("grammar: expected module name")
        }
        try expect(.keywordImport, "grammar: expected 'import'")
        switch kind {
        case .star:
            guard scope.kind == .module else { throw rejection("scope: import * only allowed at module level") }
            try advance()
        case .leftParen:
            try advance()
            try importedNames(parenthesized: true)
            try expect(.rightParen, "grammar: expected ')' after imported names")
        default:
            try importedNames(parenthesized: false)
        }
    }

    private mutating func importedNames(parenthesized: Bool) throws(Rejection) {
        while true {
            try expect(.name, "grammar: expected name to import")
            try optionalAlias()
            guard try acceptComma() else { return }
            if parenthesized && kind == .rightParen { return }
        }
    }

    private mutating func dottedName() throws(Rejection) {
        try expect(.name, "grammar: expected module name")
        while kind == .dot {
            try advance()
            try expect(.name, "grammar: expected module name")
        }
    }

    private mutating func optionalAlias() throws(Rejection) {
        guard kind == .keywordAs else { return }
        try advance()
        try expect(.name, "grammar: expected name after 'as'")
    }

    private mutating func acceptComma() throws(Rejection) -> Bool {
        guard kind == .comma else { return false }
        try advance()
        return true
    }
}
