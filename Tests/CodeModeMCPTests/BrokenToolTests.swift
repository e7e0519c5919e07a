import CodeModeCore
import Foundation
import Testing
import TestSupport

/// py-code-mode's example library (`examples/shared`): curl and jq command-line tools, and an
/// MCP server whose command is not installed. One broken tool never hides the others.
@Suite("a tool that cannot start")
struct BrokenToolTests {
    static func library() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("broken-tool")
        try folder.write("codemode.yaml", "")
        try folder.write("tools/curl.yaml", """
            name: curl
            description: Make HTTP requests.
            tags: [http]
            schema:
              options:
                silent: {type: boolean, short: s}
              positional:
                - {name: url, type: string, required: true}
            recipes:
              get:
                description: Fetch a page.
                preset: {silent: true}
                params:
                  url: {}

            """)
        try folder.write("tools/jq.yaml", "name: jq\ndescription: Query JSON.\ncommand: jq\nrecipes:\n  query:\n    description: Run a filter.\n    params:\n      filter: {type: string, required: true}\n")
        try folder.write("tools/my-mcp-server.yaml", """
            name: my-mcp-server
            type: mcp
            description: Fetch web pages.
            command: codemode-test-no-such-uvx
            args: [mcp-server-fetch]

            """)
        // A server that starts, reads nothing and exits: no waiting out the 120 s start limit.
        try folder.write("tools/dies.yaml", "name: dies\ntype: mcp\ncommand: sh\nargs: [\"-c\", \"sleep 0.3\"]\n")
        return folder
    }

    static let missing = "MCP server of tool 'my-mcp-server': command 'codemode-test-no-such-uvx' not found on PATH; install it or fix 'command' in the tool's YAML"

    @Test func listingAndSearchShowEveryToolAndTheBrokenOnesAsUnavailable() throws {
        let folder = try Self.library()
        let cell = """
            listed = {t['name']: t.get('unavailable') for t in tools.list()}
            searched = [t['name'] for t in tools.search('fetch web pages http')]
            try:
                getattr(tools, 'my-mcp-server').fetch(url='x')
                called = None
            except Exception as error:
                called = str(error)
            {'listed': listed, 'searched': searched, 'called': called,
             'curl': [c['name'] for c in tools.list()[0]['callables']]}
            """
        let started = Date()
        let result = try ProcessRunner.codemode(["run", "--json", cell], in: folder.url)
        #expect(Date().timeIntervalSince(started) < 30)
        try #require(result.status == 0, "\(result.stdout)\(result.stderr)")
        let value = try #require(try JSONParser.parse(result.stdout)["value"])
        let listed = try #require(value["listed"])
        #expect(listed["curl"] == .null && listed["jq"] == .null)
        #expect(listed["my-mcp-server"] == .string(Self.missing))
        #expect(listed["dies"] == .string("MCP server of tool 'dies' did not start (the server exited (status 0) without answering)"))
        #expect(value["searched"]?.arrayValue?.contains(.string("my-mcp-server")) == true)
        #expect(value["searched"]?.arrayValue?.contains(.string("curl")) == true)
        #expect(value["called"] == .string("tools.call: [ToolCallError] \(Self.missing)"))
        #expect(value["curl"] == .array([.string("get")]))
    }

    @Test func theMCPServersListToolsShowsEveryTool() throws {
        let folder = try Self.library()
        let client = try RawMCPClient(["--base", folder.path], in: folder.url)
        let answer = try client.call("list_tools", .object([]))
        #expect(answer?["result"]?["isError"] == .bool(false))
        let listed = try JSONParser.parse(try #require(RawMCPClient.text(of: answer)))
        #expect(listed.arrayValue?.compactMap { $0["name"]?.stringValue } == ["curl", "dies", "jq", "my-mcp-server"])
        #expect(listed.arrayValue?.last?["unavailable"] == .string(Self.missing))
        try client.child.finish()
    }
}
