/// Binding powers for the parser's precedence climbing, loosest first, as in the grammar:
/// `or`, `and`, `not`, comparisons, `|`, `^`, `&`, shifts, `+ -`, `* / // % @`.
enum OperatorPrecedence {
    static let or = 1
    static let and = 2
    static let not = 3
    static let comparison = 4
    static let bitwiseOr = 5

    /// The binding power of `kind` as an infix operator, or 0 when it is not one. A `not`
    /// in operator position can only start `not in`.
    static func of(_ kind: TokenKind) -> Int {
        switch kind {
        case .keywordOr: or
        case .keywordAnd: and
        case .less, .greater, .equalEqual, .notEqual, .lessEqual, .greaterEqual,
             .keywordIn, .keywordNot, .keywordIs:
            comparison
        case .pipe: bitwiseOr
        case .caret: 6
        case .ampersand: 7
        case .leftShift, .rightShift: 8
        case .plus, .minus: 9
        case .star, .slash, .doubleSlash, .percent, .at: 10
        default: 0
        }
    }
}
