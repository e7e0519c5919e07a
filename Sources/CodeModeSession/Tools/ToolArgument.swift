import CodeModeCore

/// One argument of a tool call as argv needs it: Python's `str()` of the value, its truth, and
/// for a list the `str()` of each item. The kernel computes these from the real Python values;
/// presets and defaults from YAML get the same from `init(yaml:)`.
struct ToolArgument: Equatable {
    var text: String
    var truthy: Bool
    var items: [String]?
    /// The value itself, for MCP tools, which take JSON arguments (its `str()` when it has no
    /// JSON form).
    var value: JSONValue

    /// From the kernel: `{"text", "truthy", "items"}`.
    init?(kernel value: JSONValue) {
        guard case .string(let text) = value["text"] ?? .null, case .bool(let truthy) = value["truthy"] ?? .null else { return nil }
        self.text = text
        self.truthy = truthy
        items = value["items"]?.arrayValue?.compactMap(\.stringValue)
        self.value = value["value"] ?? .string(text)
    }

    /// From a YAML value, as Python would see it after `yaml.safe_load`.
    init(yaml value: JSONValue) {
        self.value = value
        text = value.pythonStr
        switch value {
        case .null: truthy = false
        case .bool(let flag): truthy = flag
        case .integer(let number): truthy = number != 0
        case .number(let number): truthy = number != 0
        case .string(let string): truthy = !string.isEmpty
        case .array(let list): truthy = !list.isEmpty
        case .object(let members): truthy = !members.isEmpty
        }
        items = value.arrayValue.map { $0.map(\.pythonStr) }
    }
}
