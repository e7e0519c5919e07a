/// A YAML text that could not be read, with where the problem is.
public struct YAMLDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in characters), when known.
    public var column: Int?
    public var message: String

    public init(line: Int?, column: Int?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 3, column 5: <message>`, or the message alone when the place is unknown.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): "line \(line), column \(column): \(message)"
        case let (line?, nil): "line \(line): \(message)"
        default: message
        }
    }
}
