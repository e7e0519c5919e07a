import CodeModeCore
import Foundation
import Testing
import TestSupport

/// Requests an SDK client never sends get JSON-RPC errors that say what is wrong.
@Suite("codemode mcp on malformed requests")
struct MalformedRequestTests {
    @Test(arguments: [
        (#"{"jsonrpc": "2.0", "id": {"a": 1}, "method": "tools/list"}"#, JSONValue.null, -32600,
         #"Invalid Request: "id" must be a string or an integer, not an object"#),
        (#"{"jsonrpc": "2.0", "id": 5, "method": "tools/call"}"#, .integer(5), -32602,
         #"Invalid params: tools/call needs "params": {"name": "run_code", "arguments": {"code": "1 + 1"}}"#),
        (#"{"jsonrpc": "2.0", "id": 6, "method": "tools/call", "params": {"arguments": {}}}"#, .integer(6), -32602,
         #"Invalid params: tools/call needs "params.name", the tool's name as a string: {"name": "run_code", "arguments": {"code": "1 + 1"}}"#),
        (#"{"jsonrpc": "2.0", "id": "a", "method": "tools/call", "params": {"name": "run_code", "arguments": [1]}}"#, .string("a"), -32602,
         #"Invalid params: tools/call: "params.arguments" must be an object of the tool's arguments, not an array"#),
        (#"{"jsonrpc": "2.0", "id": 8, "method": 5}"#, .integer(8), -32600, #"Invalid Request: "method" must be a string, not a number"#),
        (#"{"jsonrpc": "1.0", "id": 9, "method": "ping"}"#, .integer(9), -32600, #"Invalid Request: "jsonrpc" must be "2.0""#),
        (#"{"jsonrpc": "2.0", "id": 10, "method": "tools/list", "params": 3}"#, .integer(10), -32602,
         #"Invalid params: tools/list: "params" must be an object, not a number"#),
        (#"[1, 2"#, .null, -32700, "Parse error: the line is not JSON"),
    ])
    func answeredWithAnError(request: String, id: JSONValue, code: Int, message: String) throws {
        let folder = try TemporaryDirectory("mcp-malformed")
        try folder.write("codemode.yaml", "")
        let client = try RawMCPClient(["--base", folder.path], in: folder.url)
        let answer = try #require(try client.ask(request))
        #expect(answer["id"] == id)
        #expect(answer["error"]?["code"] == .integer(code))
        #expect(answer["error"]?["message"]?.stringValue?.hasPrefix(message) == true, "\(answer)")
        // The server goes on.
        #expect(RawMCPClient.text(of: try client.call("run_code", .object([JSONMember("code", .string("6 * 7"))]))) == "42")
        // A name too long to be a skill is refused in a short message.
        let created = try client.call("create_skill", .object([
            JSONMember("name", .string(String(repeating: "d", count: 70_000))),
            JSONMember("source", .string("async def run():\n    return 1\n")), JSONMember("description", .string("")),
        ]))
        #expect(created?["result"]?["isError"] == .bool(true))
        #expect((RawMCPClient.text(of: created)?.count ?? .max) < 300)
        try client.child.finish()
    }
}
