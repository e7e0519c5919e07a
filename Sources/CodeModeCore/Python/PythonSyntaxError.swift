/// The first syntax error Python's parser found in a source.
public struct PythonSyntaxError: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column as Python reports it (`SyntaxError.offset`), 0 when Python gives none.
    public var column: Int
    /// Python's message, e.g. `'(' was never closed`.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 3, column 5: <message>` (the column is left out when unknown).
    public var description: String {
        column > 0 ? "line \(line), column \(column): \(message)" : "line \(line): \(message)"
    }
}
