import CodeModeCore
import Foundation
import Testing
import TestSupport

/// A `type: mcp` tool whose server is the project's own `codemode mcp`, on another library,
/// called from agent code in a `codemode run` session (a process of its own, as a user runs it).
@Suite("type: mcp tools in a session")
struct MCPToolTests {
    @Test func agentCodeCallsAnMCPServersTools() throws {
        let inner = try TemporaryDirectory("mcp-inner")
        try inner.write("skills/triple.py", "\"\"\"Triples a number.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return 3 * x\n")
        let outer = try TemporaryDirectory("mcp-outer")
        try outer.write("tools/inner.yaml", """
            name: inner
            type: mcp
            command: \(ProcessRunner.codemodeExecutable.path)
            args: [mcp, --base, \(inner.path), --no-runtime-deps]

            """)
        let cell = """
            import json, os
            def servers():
                count = 0
                for pid in filter(str.isdigit, os.listdir('/proc')):
                    try:
                        arguments = open(f'/proc/{pid}/cmdline', 'rb').read().split(b'\\0')
                    except OSError:
                        continue
                    count += b'mcp' in arguments and \(Self.pythonBytes(inner.path)) in arguments
                return count
            results = {
                'run_code': tools.inner.run_code(code='6 * 7'),
                'skill': tools.inner.run_code(code='skills.triple(x=5)'),
                'skills': [s['name'] for s in json.loads(tools.inner.list_skills())],
                'callables': [c['name'] for c in tools.list()[0]['callables']][:3],
                'parameters': [[p['name'], p['type'], p['required']] for p in tools.list()[0]['callables'][0]['parameters']],
                'servers': servers(),
            }
            for code in ["tools.inner.nothing()", "tools.inner.get_skill(name='absent')"]:
                try:
                    eval(code)
                except Exception as error:
                    results[code] = str(error)
            results
            """
        let result = try ProcessRunner.codemode(["run", "--base", outer.path, "--json", cell], in: outer.url)
        try #require(result.status == 0, "\(result.stdout)\(result.stderr)")
        let value = try #require(try JSONParser.parse(result.stdout)["value"])
        #expect(value["run_code"] == .string("42"))
        #expect(value["skill"] == .string("15"))
        #expect(value["skills"] == .array([.string("triple")]))
        // The server's tools are the tool's callables, parameters from their input schemas.
        #expect(value["callables"] == .array(["run_code", "list_tools", "search_tools"].map(JSONValue.string)))
        #expect(value["parameters"] == .array([.array([.string("code"), .string("string"), .bool(true)])]))
        #expect(value["tools.inner.nothing()"]?.stringValue?.hasPrefix("tools.call: [ToolNotFoundError] MCP tool 'nothing' not found in 'inner'") == true)
        #expect(value["tools.inner.get_skill(name='absent')"]?.stringValue?.contains("[ToolCallError] Tool 'inner.get_skill' failed: Error: no skill named 'absent'") == true)
        // One server for the session, stopped with it.
        #expect(value["servers"] == .integer(1))
        #expect(Self.servers(for: inner.path) == 0)
    }

    static func pythonBytes(_ text: String) -> String {
        "b'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
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
