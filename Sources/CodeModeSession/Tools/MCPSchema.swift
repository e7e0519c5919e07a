import CodeModeCore
import MCP

/// The parameters of an MCP tool, read from its JSON-schema `inputSchema` as py-code-mode
/// lists them: each property's `type` (default `string`), whether `required` names it, its
/// default and description.
enum MCPSchema {
    static func parameters(of schema: Value) -> [CLIParameter] {
        guard case .object(let fields) = schema, case .object(let properties)? = fields["properties"] else { return [] }
        let required = Set((fields["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        return properties.keys.sorted().map { name in
            let property = properties[name]?.objectValue ?? [:]
            return CLIParameter(name: name, type: property["type"]?.stringValue ?? "string",
                                description: property["description"]?.stringValue ?? "", required: required.contains(name),
                                default: property["default"].map(JSONValue.init(mcp:)))
        }
    }
}
