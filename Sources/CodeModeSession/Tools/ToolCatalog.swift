import CodeModeCore
import CodeModeStorage
import Foundation

/// The session's tools: `tools/*.yaml` of a folder (`SubprocessConfig.toolsPath`) or the
/// storage's own tools, read at each call like skills, and the calls to them. The server of a
/// `type: mcp` tool is started on first use and kept until the session closes.
///
/// Listing and searching never fail because of one tool: an MCP tool's callables are its
/// server's tools, so a listing starts its server, but a server that cannot start (its
/// command is not installed, it crashes or does not answer) makes only that tool
/// `unavailable`, with the reason, and is not started again by later listings; calling it
/// tries again and raises the reason.
final class ToolCatalog {
    let toolsPath: URL?
    private var connections: [String: MCPToolConnection] = [:]
    /// Why an MCP tool's server did not start for a listing, by tool name.
    private var unavailable: [String: String] = [:]

    init(toolsPath: URL?) {
        self.toolsPath = toolsPath
    }

    deinit { close() }

    /// Stops the MCP servers this session started.
    func close() {
        for connection in connections.values { connection.close() }
        connections = [:]
    }

    private func connection(to tool: ToolSpec) throws(NamespaceCallError) -> MCPToolConnection {
        if let open = connections[tool.name] { return open }
        unavailable[tool.name] = nil   // a use tries again; a listing may remember a new failure
        guard case .mcp(let mcp) = tool.kind else { throw NamespaceCallError("ToolCallError", "Tool '\(tool.name)' is not an MCP server") }
        guard case .stdio(let command, let arguments, let environment) = mcp.transport else {
            throw NamespaceCallError("ToolCallError", "Tool '\(tool.name)': MCP servers over sse are not supported; run the server over stdio (transport: stdio)")
        }
        let connection = try MCPToolConnection(name: tool.name, command: command, arguments: arguments, environment: environment)
        connections[tool.name] = connection
        return connection
    }

    func tools(in storage: any StorageBackend) throws -> [ToolSpec] {
        if let toolsPath { return ToolDirectory.load(toolsPath).tools }
        return try storage.listTools().tools
    }

    /// `tools.list()`: py-code-mode's `Tool.to_dict()` of each tool.
    func list(in storage: any StorageBackend) throws -> JSONValue {
        .array(try tools(in: storage).map(summary))
    }

    /// `tools.search(query, limit)`: by name, description, tags and recipes.
    func search(_ query: String, limit: Int, in storage: any StorageBackend) throws -> JSONValue {
        let tools = try tools(in: storage)
        let ranking = RelevanceRanking(tools.map { tool in
            var text = [tool.description] + Self.tags(of: tool)
            if case .cli(let cli) = tool.kind { text += cli.recipes.flatMap { [$0.name, $0.description] } }
            return RelevanceRanking.Document(name: tool.name, text: text)
        })
        return .array(ranking.rank(query, limit: limit).map { summary(tools[$0]) })
    }

    /// `tools.<t>.list()`: the recipes, `[{"name", "description"}]`.
    func recipes(of name: String, in storage: any StorageBackend) throws -> JSONValue {
        let tool = try find(name, in: storage)
        return .array(try callables(of: tool).map { .object([JSONMember("name", .string($0.name)), JSONMember("description", .string($0.description))]) })
    }

    /// `tools.<t>(**args)` (the recipe named `t` if there is one, else the raw arguments) or
    /// `tools.<t>.<recipe>(**args)` (`name` is then `t.recipe`): the command's stdout.
    func call(_ name: String, arguments: [String: ToolArgument], in storage: any StorageBackend) throws -> JSONValue {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        let tool = try find(parts.first ?? name, in: storage)
        guard case .cli(let cli) = tool.kind else {
            guard parts.count == 2 else {
                throw NamespaceCallError("ToolCallError", "Tool '\(tool.name)' is an MCP server; call one of its tools: tools.\(tool.name).<tool>(...), see tools.\(tool.name).list()")
            }
            let values = arguments.mapValues { $0.value.mcpValue }
            return .string(try connection(to: tool).call(parts[1], arguments: values))
        }
        let argv: [String]
        if parts.count == 2 {
            guard let recipe = cli.recipes.first(where: { $0.name == parts[1] }) else {
                throw NamespaceCallError("ToolCallError", "Tool '\(tool.name)' failed: Recipe '\(parts[1])' not found; its recipes: \(cli.recipes.map(\.name).joined(separator: ", "))")
            }
            argv = try ToolCommandLine.argv(cli, ToolCommandLine.recipeArguments(recipe, caller: arguments))
        } else if let recipe = cli.recipes.first(where: { $0.name == tool.name }) {
            argv = try ToolCommandLine.argv(cli, ToolCommandLine.recipeArguments(recipe, caller: arguments))
        } else {
            argv = try ToolCommandLine.argv(cli, arguments)
        }
        guard let output = try ToolProcess.run(argv, timeout: cli.timeout) else {
            throw NamespaceCallError("ToolTimeoutError", "Tool '\(tool.name)' timed out after \(SubprocessExecutor.seconds(cli.timeout))")
        }
        guard output.status == 0 else {
            let stderr = String(decoding: output.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw NamespaceCallError("ToolCallError", "Tool '\(tool.name)' failed: Command failed: \(stderr.isEmpty ? "Exit code \(output.status)" : "\(stderr) (exit code \(output.status))")")
        }
        return .string(String(decoding: output.stdout, as: UTF8.self))
    }

    private func find(_ name: String, in storage: any StorageBackend) throws -> ToolSpec {
        let tools = try tools(in: storage)
        guard let tool = tools.first(where: { $0.name == name }) else {
            let names = tools.map(\.name).sorted()
            throw NamespaceCallError("ToolNotFoundError", "Tool '\(name)' not found. Available: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
        }
        return tool
    }

    /// py-code-mode's `Tool.to_dict()`; an MCP tool's callables are its server's tools. An
    /// MCP tool whose server cannot start has no callables and an `unavailable` reason.
    func summary(_ tool: ToolSpec) -> JSONValue {
        var callables: [(name: String, description: String, parameters: [CLIParameter])] = []
        var reason = unavailable[tool.name]
        if reason == nil {
            do {
                callables = try self.callables(of: tool)
            } catch {
                reason = error.message
                unavailable[tool.name] = error.message
            }
        }
        var members = [
            JSONMember("name", .string(tool.name)),
            JSONMember("description", .string(tool.description)),
            JSONMember("tags", .array(Self.tags(of: tool).map(JSONValue.string))),
            JSONMember("callables", .array(callables.map { callable in
                .object([
                    JSONMember("name", .string(callable.name)),
                    JSONMember("description", .string(callable.description)),
                    JSONMember("parameters", .array(callable.parameters.map(\.jsonValue))),
                ])
            })),
        ]
        if let reason { members.append(JSONMember("unavailable", .string(reason))) }
        return .object(members)
    }

    private static func tags(of tool: ToolSpec) -> [String] {
        switch tool.kind {
        case .cli(let cli): cli.tags
        case .mcp(let mcp): mcp.tags
        }
    }

    /// What each callable takes: a recipe's own params when it has some, else the schema's
    /// positionals then options, as py-code-mode lists them; an MCP tool's input schema.
    private func callables(of tool: ToolSpec) throws(NamespaceCallError) -> [(name: String, description: String, parameters: [CLIParameter])] {
        switch tool.kind {
        case .cli(let cli):
            return cli.recipes.map { recipe in
                let parameters = recipe.params.isEmpty
                    ? cli.positionals + cli.options.map { CLIParameter(name: $0.name, type: $0.type, description: $0.description, required: $0.required, default: $0.default) }
                    : recipe.params
                return (recipe.name, recipe.description, parameters)
            }
        case .mcp:
            return try connection(to: tool).tools.map { ($0.name, $0.description ?? "", MCPSchema.parameters(of: $0.inputSchema)) }
        }
    }
}

extension CLIParameter {
    /// `{"name", "type", "required", "default", "description"}`, as py-code-mode lists it.
    var jsonValue: JSONValue {
        .object([
            JSONMember("name", .string(name)),
            JSONMember("type", .string(type)),
            JSONMember("required", .bool(required)),
            JSONMember("default", self.default ?? .null),
            JSONMember("description", .string(description)),
        ])
    }
}
