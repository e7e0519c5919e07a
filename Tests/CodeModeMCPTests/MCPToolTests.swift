import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

/// A `type: mcp` tool whose server is the project's own `codemode mcp`, on another library.
@Suite("type: mcp tools in a session")
struct MCPToolTests {
    @Test func agentCodeCallsAnMCPServersTools() async throws {
        let inner = try TemporaryDirectory("mcp-inner")
        try inner.write("skills/triple.py", "\"\"\"Triples a number.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return 3 * x\n")
        let outer = try TemporaryDirectory("mcp-outer")
        try outer.write("tools/inner.yaml", """
            name: inner
            type: mcp
            command: \(ProcessRunner.codemodeExecutable.path)
            args: [mcp, --base, \(inner.path), --no-runtime-deps]

            """)
        let session = Session(storage: FileStorage(base: outer.url), executor: SubprocessExecutor(SubprocessConfig(defaultTimeout: 60)))
        func value(_ code: String) async throws -> JSONValue? {
            let result = try await session.run(code)
            #expect(result.error == nil, "\(code): \(result.error ?? "")")
            return result.value
        }
        #expect(try await value("tools.inner.run_code(code='6 * 7')") == .string("42"))
        #expect(try await value("tools.inner.run_code(code='skills.triple(x=5)')") == .string("15"))
        #expect(try await value("import json\n[s['name'] for s in json.loads(tools.inner.list_skills())]") == .array([.string("triple")]))
        // The server's tools are the tool's callables, parameters from their input schemas.
        #expect(try await value("[c['name'] for c in tools.list()[0]['callables']][:3]")
            == .array(["run_code", "list_tools", "search_tools"].map(JSONValue.string)))
        #expect(try await value("[(p['name'], p['type'], p['required']) for p in tools.list()[0]['callables'][0]['parameters']]")
            == .string("[('code', 'string', True)]"))
        let unknown = try await session.run("tools.inner.nothing()")
        #expect(unknown.error?.hasPrefix("ToolError: tools.call: [ToolNotFoundError] MCP tool 'nothing' not found in 'inner'") == true)
        let failed = try await session.run("tools.inner.get_skill(name='absent')")
        #expect(failed.error?.contains("[ToolCallError] Tool 'inner.get_skill' failed: Error: no skill named 'absent'") == true)
        // One server for the session, stopped with it.
        #expect(Self.servers(for: inner.path) == 1)
        await session.close()
        #expect(Self.servers(for: inner.path) == 0)
    }

    /// How many `codemode mcp` processes serve `base`.
    static func servers(for base: String) -> Int {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.filter { pid in
            guard Int(pid) != nil, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains("mcp") && arguments.contains(base)
        }.count
    }
}
