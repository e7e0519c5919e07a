/// The token kinds the parser distinguishes. Hard keywords get their own kinds; soft keywords
/// (`match`, `case`, `type`, `_`) are ordinary names because every construct that gives them
/// meaning is unsupported, and a source using them as names parses the same in 3.9–3.13.
enum TokenKind: UInt8 {
    case endMarker, newline, indent, dedent
    case name, number, string

    case keywordFalse, keywordNone, keywordTrue, keywordAnd, keywordAs, keywordAssert
    case keywordAsync, keywordAwait, keywordBreak, keywordClass, keywordContinue, keywordDef
    case keywordDel, keywordElif, keywordElse, keywordExcept, keywordFinally, keywordFor
    case keywordFrom, keywordGlobal, keywordIf, keywordImport, keywordIn, keywordIs
    case keywordLambda, keywordNonlocal, keywordNot, keywordOr, keywordPass, keywordRaise
    case keywordReturn, keywordTry, keywordWhile, keywordWith, keywordYield

    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case colon, comma, semicolon, dot, ellipsis, arrow, at, equal, walrus
    /// Any of `+= -= *= /= //= %= @= &= |= ^= <<= >>= **=`.
    case augmentedAssign
    case plus, minus, star, doubleStar, slash, doubleSlash, percent, pipe, ampersand, caret
    case tilde, leftShift, rightShift
    case less, greater, equalEqual, notEqual, lessEqual, greaterEqual

    /// `+ - ~ await`: the prefix operators of `factor` and `await_primary`.
    var isUnaryPrefix: Bool {
        switch self {
        case .plus, .minus, .tilde, .keywordAwait: true
        default: false
        }
    }

    /// Whether an expression (not a starred item) can begin with this token.
    var startsExpression: Bool {
        switch self {
        case .name, .number, .string, .leftParen, .leftBracket, .leftBrace, .minus, .plus, .tilde,
             .keywordNot, .keywordLambda, .keywordAwait, .keywordNone, .keywordTrue, .keywordFalse,
             .ellipsis:
            true
        default:
            false
        }
    }
}
