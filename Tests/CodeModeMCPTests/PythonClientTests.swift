import CodeModeCore
import Foundation
import Testing
import TestSupport

/// `codemode mcp` driven by a client not written in Swift: the Python `mcp` package from PyPI,
/// installed once into a virtual environment in the cache folder.
@Suite("codemode mcp with the Python mcp client")
struct PythonClientTests {
    static let clientVersion = "mcp==2.3.0"

    /// The interpreter of a venv with the `mcp` package, built on first use.
    static func clientPython() throws -> URL {
        let cache = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CODEMODE_TEST_CACHE"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/codemode-tests").path)
        let venv = cache.appendingPathComponent("python-mcp-client")
        let python = venv.appendingPathComponent("bin/python")
        let marker = venv.appendingPathComponent("installed")
        if (try? String(contentsOf: marker, encoding: .utf8)) == clientVersion { return python }
        try? FileManager.default.removeItem(at: venv)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let base = try PythonInterpreter.resolve().executable
        let created = try ProcessRunner.run(base, ["-m", "venv", venv.path])
        try #require(created.status == 0, "venv: \(created.stderr)")
        let installed = try ProcessRunner.run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", clientVersion])
        try #require(installed.status == 0, "pip install \(clientVersion): \(installed.stderr)")
        try clientVersion.write(to: marker, atomically: true, encoding: .utf8)
        return python
    }

    @Test func initializeListAndCallTools() throws {
        let folder = try TemporaryDirectory("mcp-python")
        try folder.write("codemode.yaml", "")
        let script = """
            import asyncio, json, sys
            from mcp import ClientSession, StdioServerParameters
            from mcp.client.stdio import stdio_client

            async def main():
                server = StdioServerParameters(command=sys.argv[1], args=["mcp", "--base", sys.argv[2]])
                async with stdio_client(server) as (read, write):
                    async with ClientSession(read, write) as session:
                        await session.initialize()
                        tools = await session.list_tools()
                        ran = await session.call_tool("run_code", {"code": "print('hi')\\n6 * 7"})
                        failed = await session.call_tool("run_code", {"code": "1 / 0"})
                        created = await session.call_tool("create_skill", {"name": "double", "description": "Doubles.",
                            "source": "async def run(x: int) -> int:\\n    return 2 * x\\n"})
                        used = await session.call_tool("run_code", {"code": "skills.double(x=21)"})
                        print(json.dumps({
                            "tools": [tool.name for tool in tools.tools],
                            "ran": [ran.content[0].text, ran.is_error, ran.structured_content["value"]],
                            "failed": [failed.content[0].text.splitlines()[-1], failed.is_error],
                            "created": created.is_error,
                            "used": used.content[0].text,
                        }))

            asyncio.run(main())
            """
        let result = try ProcessRunner.run(try Self.clientPython(), ["-c", script, ProcessRunner.codemodeExecutable.path, folder.path])
        try #require(result.status == 0, "\(result.stderr)")
        let output = try JSONParser.parse(result.stdout)
        #expect(output["tools"]?.arrayValue?.count == 12)
        #expect(output["ran"] == .array([.string("42\n\nStdout:\nhi\n"), .bool(false), .integer(42)]))
        #expect(output["failed"] == .array([.string("ZeroDivisionError: division by zero"), .bool(true)]))
        #expect(output["created"] == .bool(false))
        #expect(output["used"] == .string("42"))
    }
}
