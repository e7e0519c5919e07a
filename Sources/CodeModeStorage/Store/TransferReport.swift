import CodeModeCore

/// What a store command changed, item by item.
public struct TransferReport: Sendable {
    public var added: [String] = []
    public var updated: [String] = []
    public var removed: [String] = []
    public var unchanged: [String] = []
    /// Items that could not be transferred, and why; the others were.
    public var problems: [LibraryProblem] = []

    public init() {}

    public var jsonValue: JSONValue {
        func names(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        return .object([
            JSONMember("added", names(added)),
            JSONMember("updated", names(updated)),
            JSONMember("removed", names(removed)),
            JSONMember("unchanged", .integer(unchanged.count)),
            JSONMember("problems", .array(problems.map(\.jsonValue))),
        ])
    }
}

/// Reports how far a long operation has got: `(done, total)`. Called from one thread.
public typealias ProgressHandler = (_ done: Int, _ total: Int) -> Void
