import CodeModeCore
import CodeModeStorage
import Testing

@Suite("Tool specs read from YAML")
struct ToolSpecYAMLTests {
    private func tool(_ yaml: String) throws -> ToolSpec {
        try ToolSpec(json: YAMLDocument.load(yaml))
    }

    @Test("a CLI tool with schema and recipes, in file order")
    func curl() throws {
        let yaml = """
            name: curl
            description: Make HTTP requests
            tags: [http, web]
            schema:
              options:
                silent: {type: boolean, short: s, description: Silent mode}
                header: {type: array, short: H}
                data: {type: string, short: d}
                request: {short: X}
                location: {type: boolean, short: ''}
              positional:
                - {name: url, type: string, required: true, description: URL}
            recipes:
              get:
                description: GET a URL
                preset: {silent: true, location: true}
                params:
                  url: {}
              post:
                preset: {request: POST}
                params:
                  url: {required: true}
                  data: {type: string, default: null}
                  retries: {type: integer, default: 3, description: How often}
            """
        let spec = try tool(yaml)
        #expect(spec.name == "curl")
        #expect(spec.description == "Make HTTP requests")
        #expect(spec.raw == (try YAMLDocument.load(yaml)))
        guard case .cli(let cli) = spec.kind else {
            Issue.record("expected a CLI tool, got \(spec.kind)")
            return
        }
        #expect(cli.command == "curl")
        #expect(cli.timeout == 60)
        #expect(cli.tags == ["http", "web"])
        #expect(cli.options.map(\.name) == ["silent", "header", "data", "request", "location"])
        #expect(cli.options.map(\.type) == ["boolean", "array", "string", "str", "boolean"])
        #expect(cli.options.map(\.short) == ["s", "H", "d", "X", nil])
        #expect(cli.options[0].description == "Silent mode")
        #expect(cli.positionals.map(\.name) == ["url"])
        #expect(cli.positionals[0].required)
        #expect(cli.recipes.map(\.name) == ["get", "post"])
        let get = cli.recipes[0]
        #expect(get.description == "GET a URL")
        #expect(get.preset == [JSONMember("silent", .bool(true)), JSONMember("location", .bool(true))])
        #expect(get.params.count == 1)
        #expect(get.params[0].type == "str")
        #expect(!get.params[0].required)
        #expect(get.params[0].default == nil)
        let post = cli.recipes[1]
        #expect(post.description == "")
        #expect(post.params.map(\.name) == ["url", "data", "retries"])
        #expect(post.params[0].required)
        #expect(post.params[1].default == .null)   // written as null: passed on as None
        #expect(post.params[2].default == .integer(3))
        #expect(post.params[2].description == "How often")
    }

    @Test("command, timeout and empty optional fields")
    func commandAndTimeout() throws {
        let spec = try tool("name: jq\ncommand: /usr/bin/jq\ntimeout: 2.5\ndescription:\ntags:\nrecipes:\n  q: {params: {filter: {}}}\n")
        #expect(spec.description == "")
        guard case .cli(let cli) = spec.kind else {
            Issue.record("expected a CLI tool")
            return
        }
        #expect(cli.command == "/usr/bin/jq")
        #expect(cli.timeout == 2.5)
        #expect(cli.tags.isEmpty)
        #expect(cli.options.isEmpty && cli.positionals.isEmpty)
    }

    private func transport(_ spec: ToolSpec) -> MCPTool.Transport? {
        guard case .mcp(let mcp) = spec.kind else { return nil }
        return mcp.transport
    }

    @Test("MCP tools over stdio and sse; names may contain '-'")
    func mcp() throws {
        let stdio = try tool("""
            name: my-mcp-server
            type: mcp
            command: uvx
            args: [mcp-server-fetch, '--port', '8080']
            env: {API_KEY: '${MY_API_KEY}'}
            """)
        #expect(stdio.name == "my-mcp-server")
        #expect(transport(stdio) == .stdio(command: "uvx",
            arguments: ["mcp-server-fetch", "--port", "8080"], environment: ["API_KEY": "${MY_API_KEY}"]))
        let sse = try tool("name: web\ntype: mcp\ntransport: sse\nurl: http://localhost:8000/sse\nheaders: {Authorization: Bearer x}\n")
        #expect(transport(sse) == .sse(url: "http://localhost:8000/sse", headers: ["Authorization": "Bearer x"]))
        let plain = try tool("name: fetch\ntype: mcp\ncommand: uvx\n")
        #expect(transport(plain) == .stdio(command: "uvx", arguments: [], environment: [:]))
    }

    private static let recipes = "recipes: {get: {}}\n"

    @Test("refused definitions name the field and what to do", arguments: [
        ("- name: x\n", nil, "a tool definition must be a mapping"),
        ("description: d\n" + recipes, "name", "the tool has no 'name'; add 'name: <tool>'"),
        ("name: ''\n" + recipes, "name", "the tool has no 'name'"),
        ("name: 123\n" + recipes, "name", "name must be a string, not a number; put the value in quotes"),
        ("name: my tool\n" + recipes, "name", "tool name 'my tool' is not valid"),
        ("name: 1abc\n" + recipes, "name", "is not valid"),
        ("name: x\n", "recipes", "tool 'x' has no recipes; add a 'recipes:' mapping"),
        ("name: x\nrecipes: {}\n", "recipes", "tool 'x' has no recipes"),
        ("name: x\nrecipes: [get]\n", "recipes", "tool 'x': recipes must be a mapping, not a list"),
        ("name: x\ntimeout: 30s\n" + recipes, "timeout", "timeout must be a number, not a string"),
        ("name: x\ntimeout: yes\n" + recipes, "timeout", "timeout must be a number, not true/false"),
        ("name: x\ntimeout: 0\n" + recipes, "timeout", "timeout must be a positive number of seconds"),
        ("name: x\ncommand: ''\n" + recipes, "command", "command must not be empty"),
        ("name: x\ntags: [1]\n" + recipes, "tags[0]", "tags[0] must be a string"),
        ("name: x\nschema: [a]\n" + recipes, "schema", "schema must be a mapping, not a list"),
        ("name: x\nschema: {options: [a]}\n" + recipes, "schema.options", "schema.options must be a mapping"),
        ("name: x\nschema: {options: {v: {short: 1}}}\n" + recipes, "schema.options.v.short", "must be a string"),
        ("name: x\nschema: {options: {v: {required: 'yes'}}}\n" + recipes, "schema.options.v.required",
         "must be true or false, not a string"),
        ("name: x\nschema: {positional: {url: {}}}\n" + recipes, "schema.positional", "schema.positional must be a list"),
        ("name: x\nschema: {positional: [{type: string}]}\n" + recipes, "schema.positional[0].name",
         "schema.positional[0] has no 'name'"),
        ("name: x\nschema: {positional: [url]}\n" + recipes, "schema.positional[0]",
         "schema.positional[0] must be a mapping, not a string"),
        ("name: x\nrecipes: {get: }\n", "recipes.get", "recipes.get must be a mapping, not empty"),
        ("name: x\nrecipes: {get: {preset: a}}\n", "recipes.get.preset", "recipes.get.preset must be a mapping"),
        ("name: x\nrecipes: {get: {params: [url]}}\n", "recipes.get.params", "recipes.get.params must be a mapping"),
        ("name: x\nrecipes:\n  get:\n    params:\n      url:\n", "recipes.get.params.url",
         "recipes.get.params.url must be a mapping, not empty; write 'key: value' lines indented under it, or {} for none"),
        ("name: x\nrecipes: {get: {params: {url: {type: 5}}}}\n", "recipes.get.params.url.type",
         "tool 'x': recipes.get.params.url.type must be a string, not a number"),
        ("name: x\ntype: http\n" + recipes, "type", "type must be 'cli' or 'mcp', not 'http'"),
        ("name: x\ntype: mcp\n", "command", "an MCP stdio server needs 'command'"),
        ("name: x\ntype: mcp\ntransport: websocket\ncommand: a\n", "transport", "transport must be 'stdio' or 'sse'"),
        ("name: x\ntype: mcp\ntransport: sse\n", "url", "an MCP sse server needs 'url'"),
        ("name: x\ntype: mcp\ncommand: a\nargs: [--port, 8080]\n", "args[1]", "args[1] must be a string, not a number"),
        ("name: x\ntype: mcp\ncommand: a\nenv: {PORT: 8080}\n", "env.PORT", "env.PORT must be a string"),
        ("name: x\ntype: mcp\ntransport: sse\nurl: u\nheaders: [a]\n", "headers", "headers must be a mapping"),
    ] as [(String, String?, String)])
    func refused(yaml: String, field: String?, message: String) throws {
        let json = try YAMLDocument.load(yaml)
        let error = #expect(throws: ToolSpecError.self) { try ToolSpec(json: json) }
        #expect(error?.field == field)
        #expect(error?.message.contains(message) == true, "\(String(describing: error?.message))")
    }

    @Test("errors after the name is known start with the tool's name")
    func prefix() throws {
        let json = try YAMLDocument.load("name: curl\ntimeout: soon\nrecipes: {get: {}}\n")
        let error = #expect(throws: ToolSpecError.self) { try ToolSpec(json: json) }
        #expect(error?.tool == "curl")
        #expect(error?.description == "tool 'curl': timeout must be a number, not a string; write a number, e.g. 'timeout: 30'")
    }
}
