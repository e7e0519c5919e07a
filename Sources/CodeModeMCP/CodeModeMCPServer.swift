import CodeModeCore
import CodeModeSession
import Foundation
import MCP

/// `codemode mcp`: the agent-facing MCP server over one session. Its tools have the names,
/// arguments and result text of py-code-mode-mcp, without its defects: failures are results
/// flagged `isError`, and results come as structured content too.
public final class CodeModeMCPServer: Sendable {
    private let session: Session
    private let runtimeDeps: Bool

    public init(session: Session, runtimeDeps: Bool) {
        self.session = session
        self.runtimeDeps = runtimeDeps
    }

    /// Serves on stdin and stdout until the client closes stdin.
    public func serveStdio() async throws {
        try await serve(transport: LineTransport())
    }

    /// Serves until the client goes away.
    public func serve(transport: any Transport) async throws {
        let server = Server(name: "codemode", version: "0.1.0", capabilities: .init(tools: .init(listChanged: false)))
        let tools = AgentTools.all(runtimeDeps: runtimeDeps)
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: tools) }
        await server.withMethodHandler(CallTool.self) { [self] call in
            await result(of: call.name, arguments: (call.arguments ?? [:]).mapValues(JSONValue.init(mcp:)))
        }
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await session.close()
    }

    /// One tool call's result; anything that goes wrong is a result with `isError`.
    func result(of tool: String, arguments: [String: JSONValue]) async -> CallTool.Result {
        do {
            return try await call(tool, Arguments(tool: tool, values: arguments))
        } catch {
            return CallTool.Result(content: [Self.text("Error: \(error)")], isError: true)
        }
    }

    private func call(_ tool: String, _ arguments: Arguments) async throws -> CallTool.Result {
        switch tool {
        case "run_code":
            let result = try await session.run(try arguments.string("code"))
            return try CallTool.Result(content: [Self.text(Self.runCodeText(result))], structuredContent: result.jsonValue.mcpValue,
                                       isError: result.error != nil)
        case "list_tools": return Self.json(try await session.listTools())
        case "search_tools": return Self.json(try await session.searchTools(arguments.string("query"), limit: arguments.integer("limit", default: 10)))
        case "list_skills": return Self.json(.array(try await session.listSkills().map { $0.listingJSON() }))
        case "search_skills":
            return Self.json(.array(try await session.searchSkills(arguments.string("query"), limit: arguments.integer("limit", default: 5)).map { $0.listingJSON() }))
        case "get_skill":
            let name = try arguments.string("name")
            guard let skill = try await session.getSkill(name) else { throw ToolCallFailure("no skill named '\(name)'; list_skills shows the saved ones") }
            return Self.json(skill.listingJSON(includingSource: true))
        case "create_skill":
            let skill = try await session.addSkill(name: arguments.string("name"), source: arguments.string("source"),
                                                   description: arguments.string("description"))
            return Self.json(skill.listingJSON(includingSource: true))
        case "delete_skill": return Self.json(.bool(try await session.removeSkill(arguments.string("name"))))
        case "list_artifacts": return Self.json(.array(try await session.listArtifacts().map(\.listingJSON)))
        case "list_deps": return Self.json(.array(try await session.listDeps().map(JSONValue.string)))
        case "add_dep" where runtimeDeps: return Self.json(try await session.addDep(arguments.string("package")))
        case "remove_dep" where runtimeDeps: return Self.json(try await session.removeDep(arguments.string("package")))
        default:
            throw ToolCallFailure("unknown tool '\(tool)'; the tools are \(AgentTools.all(runtimeDeps: runtimeDeps).map(\.name).joined(separator: ", "))")
        }
    }

    /// py-code-mode-mcp's text: `Error: <traceback>` or the value, then `Stdout:` and what
    /// was printed; `(no output)` when there is neither.
    static func runCodeText(_ result: ExecutionResult) -> String {
        let printed = result.stdout + result.stderr
        var text: String
        if let error = result.error {
            text = "Error: \(error)"
        } else {
            text = result.value?.pythonStr ?? ""
        }
        if !printed.isEmpty { text += (text.isEmpty ? "" : "\n\n") + "Stdout:\n\(printed)" }
        return text.isEmpty ? "(no output)" : text
    }

    /// JSON text (Python's `json.dumps(indent=2)` layout) and the same as structured content
    /// (an object; other values under `result`).
    static func json(_ value: JSONValue) -> CallTool.Result {
        let structured: JSONValue = if case .object = value { value } else { .object([JSONMember("result", value)]) }
        // The initializer only throws for structured content that is not an object.
        return (try? CallTool.Result(content: [text(PythonJSONEncoder(indent: 2).encode(value))], structuredContent: structured.mcpValue, isError: false))
            ?? CallTool.Result(content: [text(PythonJSONEncoder(indent: 2).encode(value))], isError: false)
    }

    static func text(_ text: String) -> Tool.Content {
        .text(text: text, annotations: nil, _meta: nil)
    }
}

/// A tool call's arguments, checked as they are read.
struct Arguments {
    var tool: String
    var values: [String: JSONValue]

    func string(_ name: String) throws -> String {
        guard case .string(let text) = values[name] ?? .null else {
            throw ToolCallFailure("\(tool) needs the string argument '\(name)'")
        }
        return text
    }

    func integer(_ name: String, default fallback: Int) throws -> Int {
        guard let value = values[name], value != .null else { return fallback }
        guard case .integer(let number) = value else { throw ToolCallFailure("\(tool): '\(name)' must be an integer") }
        return number
    }
}

struct ToolCallFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
