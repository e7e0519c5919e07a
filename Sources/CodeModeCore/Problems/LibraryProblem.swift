/// One problem found in a skill library: where it is and what to do about it.
///
/// `validate`, `skill list` and the storage loaders all report problems in this shape,
/// so one bad file never hides the others.
public struct LibraryProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path of the file, relative to the library's base folder (e.g. `skills/fetch.py`).
    public var path: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// 1-based column, when the problem has one.
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, the form compilers use and editors understand. A path
    /// made from a hostile name (a Redis field of 70,000 characters) is shortened.
    public var description: String {
        var location = NameLength.shortened(path, longerThan: 200)
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }

    public var jsonValue: JSONValue {
        .object([
            JSONMember("path", .string(path)),
            JSONMember("line", line.map { .integer($0) } ?? .null),
            JSONMember("column", column.map { .integer($0) } ?? .null),
            JSONMember("message", .string(message)),
        ])
    }
}
