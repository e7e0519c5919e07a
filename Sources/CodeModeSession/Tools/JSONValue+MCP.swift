public import CodeModeCore
public import MCP

extension JSONValue {
    /// The same value as the MCP SDK's `Value` (objects lose their member order there).
    public var mcpValue: Value {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .int(number)
        case .number(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.mcpValue))
        case .object(let members): .object(Dictionary(members.map { ($0.key, $0.value.mcpValue) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A value from a client; binary data becomes its base64 text.
    public init(mcp value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .integer(number)
        case .double(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .data(_, let data): self = .string(data.base64EncodedString())
        case .array(let items): self = .array(items.map(JSONValue.init(mcp:)))
        case .object(let members): self = .object(members.sorted { $0.key < $1.key }.map { JSONMember($0.key, JSONValue(mcp: $0.value)) })
        }
    }
}
