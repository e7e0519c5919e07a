/// An MCP server whose tools appear under `tools.<name>`.
public struct MCPTool: Hashable, Sendable {
    public enum Transport: Hashable, Sendable {
        /// A server started as a child process speaking over its stdin/stdout.
        /// `environment` values are used verbatim (`${VAR}` is not expanded, as in py-code-mode).
        case stdio(command: String, arguments: [String], environment: [String: String])
        /// A server reached over HTTP server-sent events.
        case sse(url: String, headers: [String: String])
    }

    public var transport: Transport
    /// Kept as written; py-code-mode ignores them.
    public var tags: [String]

    init(_ fields: ToolFieldReader) throws(ToolSpecError) {
        tags = try fields.strings("tags") ?? []
        switch try fields.string("transport") ?? "stdio" {
        case "stdio":
            guard let command = try fields.string("command"), !command.isEmpty else {
                throw fields.error("command", "an MCP stdio server needs 'command', the program that starts it "
                    + "(e.g. 'command: uvx' with 'args: [mcp-server-fetch]')")
            }
            transport = .stdio(
                command: command,
                arguments: try fields.strings("args") ?? [],
                environment: try fields.stringMapping("env") ?? [:]
            )
        case "sse":
            guard let url = try fields.string("url"), !url.isEmpty else {
                throw fields.error("url", "an MCP sse server needs 'url', e.g. 'url: http://localhost:8000/sse'")
            }
            transport = .sse(url: url, headers: try fields.stringMapping("headers") ?? [:])
        case let other:
            throw fields.error("transport", "transport must be 'stdio' or 'sse', not '\(other)'")
        }
    }
}
