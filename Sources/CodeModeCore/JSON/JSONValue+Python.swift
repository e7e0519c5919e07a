extension JSONValue {
    /// Python's `str()` of the value `json.loads` would give: `True`, `None`, `1.5`, the text
    /// of a string, and the repr of lists and dicts (`{'a': [1, 'x']}`).
    public var pythonStr: String {
        if case .string(let string) = self { return string }
        return pythonRepr
    }

    /// Python's `repr()` of the same value.
    public var pythonRepr: String {
        switch self {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .integer(let number): return String(number)
        case .number(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return PythonFloat.repr(number)
        case .string(let string):
            let escaped = string.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "'\(escaped)'"
        case .array(let items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { "\(JSONValue.string($0.key).pythonRepr): \($0.value.pythonRepr)" }.joined(separator: ", ") + "}"
        }
    }
}
