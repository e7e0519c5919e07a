import CodeModeCore
import Testing

/// ToolSpec built from JSON trees directly (the Redis tools hash path); the YAML-driven
/// cases live in CodeModeStorageTests.
@Suite("Tool specs from JSON")
struct ToolSpecTests {
    private func minimal(name: JSONValue, extra: [JSONMember] = []) -> JSONValue {
        .object([JSONMember("name", name)] + extra + [JSONMember("recipes", .object([JSONMember("run", .object([]))]))])
    }

    @Test("defaults of a minimal CLI tool")
    func defaults() throws {
        let spec = try ToolSpec(json: minimal(name: .string("grep")))
        #expect(spec.description == "")
        let cli = try #require(cliTool(spec))
        #expect(cli.command == "grep")
        #expect(cli.timeout == CLITool.defaultTimeout)
        #expect(cli.recipes.map(\.name) == ["run"])
        #expect(cli.recipes[0].preset.isEmpty && cli.recipes[0].params.isEmpty)
    }

    @Test("tool names", arguments: [
        ("curl", true), ("my-mcp-server", true), ("_x1", true), ("A_b-C", true),
        ("1abc", false), ("-x", false), ("my tool", false), ("café", false), ("a.b", false),
        (String(repeating: "t", count: 128), true), (String(repeating: "t", count: 129), false), ("__init__", false),
    ])
    func names(name: String, valid: Bool) {
        let accepted = (try? ToolSpec(json: minimal(name: .string(name)))) != nil
        #expect(accepted == valid)
    }

    @Test("a hostile name is refused in a short message")
    func hugeName() {
        let error = #expect(throws: ToolSpecError.self) { try ToolSpec(json: minimal(name: .string(String(repeating: "t", count: 70_000)))) }
        #expect(error?.message.contains("… (70000 characters)' is not valid: the name is 70000 characters long; tool names are at most 128 characters") == true)
        #expect((error?.message.count ?? .max) < 200)
    }

    @Test("an integer timeout is read as seconds")
    func integerTimeout() throws {
        let spec = try ToolSpec(json: minimal(name: .string("t"), extra: [JSONMember("timeout", .integer(5))]))
        #expect(try #require(cliTool(spec)).timeout == 5)
    }

    @Test("a definition that is not a mapping")
    func notMapping() {
        let error = #expect(throws: ToolSpecError.self) { try ToolSpec(json: .array([])) }
        #expect(error?.tool == nil)
        #expect(error?.message.hasPrefix("a tool definition must be a mapping") == true)
    }

    private func cliTool(_ spec: ToolSpec) -> CLITool? {
        guard case .cli(let cli) = spec.kind else { return nil }
        return cli
    }
}
