import CodeModeCore
import Foundation
import MCP
import Testing
import TestSupport

@Suite("codemode mcp")
struct MCPServerTests {
    static let allTools = ["run_code", "list_tools", "search_tools", "list_skills", "search_skills", "get_skill", "create_skill",
                           "delete_skill", "list_artifacts", "list_deps", "add_dep", "remove_dep"]

    @Test func runCodeGivesValuesOutputErrorsAndTimeouts() async throws {
        let folder = try TemporaryDirectory("mcp-run")
        try folder.write("codemode.yaml", "")
        try await MCPServerFixture.with(["--base", folder.path, "--timeout", "1"], in: folder.url) { server in
            #expect(try await server.toolNames() == Self.allTools)
            #expect(try await server.call("run_code", ["code": "x = 20\nx * 2 + 2"]) == ("42", false))
            #expect(try await server.call("run_code", ["code": "print('hello')\n{'a': [1, None]}"]) == ("{'a': [1, None]}\n\nStdout:\nhello\n", false))
            #expect(try await server.call("run_code", ["code": "x = 1"]) == ("(no output)", false))
            let error = try await server.call("run_code", ["code": "print('before')\n1 / 0"])
            #expect(error.isError)
            #expect(error.text.hasPrefix("Error: Traceback (most recent call last):"))
            #expect(error.text.hasSuffix("ZeroDivisionError: division by zero\n\n\nStdout:\nbefore\n"))
            let timeout = try await server.call("run_code", ["code": "import time\ntime.sleep(20)"])
            #expect(timeout.isError)
            #expect(timeout.text.hasPrefix("Error: Execution timed out after 1s: the code was interrupted; the session keeps its variables."))
            #expect(try await server.call("run_code", ["code": "x"]) == ("1", false))
        }
    }

    @Test func skillsCreatedListedInvokedAndDeleted() async throws {
        let folder = try TemporaryDirectory("mcp-skills")
        try folder.write("codemode.yaml", "")
        try await MCPServerFixture.with(["--base", folder.path], in: folder.url) { server in
            let created = try await server.call("create_skill", [
                "name": "word_count", "source": "async def run(text: str) -> int:\n    return len(text.split())\n",
                "description": "Count the words of a text.",
            ])
            #expect(!created.isError)
            #expect(try JSONParser.parse(created.text)["description"] == .string("Count the words of a text."))
            #expect(try await server.call("list_skills").text.contains("\"name\": \"word_count\""))
            #expect(try await server.call("search_skills", ["query": "words"]).text.contains("word_count"))
            #expect(try await server.call("get_skill", ["name": "word_count"]).text.contains("return len(text.split())"))
            #expect(try await server.call("run_code", ["code": "skills.word_count(text='one two three')"]) == ("3", false))
            #expect(folder.exists("skills/word_count.py"))
            #expect(try await server.call("delete_skill", ["name": "word_count"]) == ("true", false))
            #expect(!folder.exists("skills/word_count.py"))
            let bad = try await server.call("create_skill", ["name": "list", "source": "async def run():\n    return 1\n", "description": ""])
            #expect(bad.isError)
            #expect(bad.text.hasPrefix("Error: invalid skill name 'list'"))
            let missing = try await server.call("get_skill", ["name": "nothing"])
            #expect(missing.isError)
        }
    }

    @Test func artifactsAndDepsRefusedWithoutRuntimeDeps() async throws {
        let server = try RedisServer()
        let folder = try TemporaryDirectory("mcp-redis")
        let prefix = server.uniquePrefix()
        try await MCPServerFixture.with(["--redis", "\(server.url)", "--prefix", prefix, "--no-runtime-deps"], in: folder.url) { mcp in
            #expect(try await mcp.toolNames() == Array(Self.allTools.dropLast(2)))
            #expect(try await mcp.call("run_code", ["code": "artifacts.save('raw', b'\\x00\\xff', description='bytes')\nartifacts.save('n', 1)\nNone"]).isError == false)
            let listed = try JSONParser.parse(try await mcp.call("list_artifacts").text)
            #expect(listed.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted() == ["n", "raw"])
            let refused = try await mcp.call("run_code", ["code": "deps.add('requests')"])
            #expect(refused.isError && refused.text.contains("RuntimeDepsDisabledError: Runtime dependency installation is disabled."))
            let unknown = try await mcp.call("add_dep", ["package": "requests"])
            #expect(unknown.isError && unknown.text.hasPrefix("Error: unknown tool 'add_dep'"))
            #expect(try await mcp.call("list_deps") == ("[]", false))
        }
    }

    @Test func aRevServerIsReadOnly() async throws {
        let repository = try GitFixture()
        try repository.write("codemode.yaml", "")
        try repository.write("skills/triple.py", "async def run(x: int) -> int:\n    return 3 * x\n")
        try repository.commitAll("library")
        try await MCPServerFixture.with(["--base", repository.workTree.path, "--rev", "main"], in: repository.workTree) { server in
            #expect(try await server.call("run_code", ["code": "skills.triple(x=5)"]) == ("15", false))
            let refused = try await server.call("create_skill", ["name": "other", "source": "async def run():\n    return 1\n", "description": "x"])
            #expect(refused.isError && refused.text.contains("--rev main is a read-only view"))
        }
    }

    @Test func printConfigGivesAClientEntry() throws {
        let folder = try TemporaryDirectory("mcp-config")
        try folder.write("codemode.yaml", "")
        let result = try ProcessRunner.codemode(["mcp", "--print-config", "--no-runtime-deps"], in: folder.url)
        #expect(result.status == 0)
        let json = try JSONParser.parse(String(result.stdout.prefix { $0 != "#" }))
        let entry = try #require(json["mcpServers"]?["codemode"])
        #expect(entry["args"] == .array(["mcp", "--base", folder.url.resolvingSymlinksInPath().path, "--no-runtime-deps"].map(JSONValue.string)))
        #expect(FileManager.default.isExecutableFile(atPath: entry["command"]?.stringValue ?? ""))
        // The interpreter is resolved once, into the entry: a real file, not a shim script.
        let python = try #require(entry["env"]?["CODEMODE_PYTHON"]?.stringValue)
        #expect(python == (try PythonInterpreter.resolve().executable.path))
    }

    /// Started through a relative PATH entry, argv[0] is only "codemode": the entry still names
    /// the real executable.
    @Test func printConfigThroughARelativePathEntryNamesTheRealExecutable() throws {
        let folder = try TemporaryDirectory("mcp-config-path")
        try folder.write("codemode.yaml", "")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("rel/bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("rel/bin/codemode"), withDestinationURL: ProcessRunner.codemodeExecutable)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "rel/bin:" + (environment["PATH"] ?? "/usr/bin:/bin")
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["codemode", "mcp", "--print-config"],
                                           in: folder.url, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONParser.parse(String(result.stdout.prefix { $0 != "#" }))
        let command = json["mcpServers"]?["codemode"]?["command"]?.stringValue
        #expect(command == ProcessRunner.codemodeExecutable.resolvingSymlinksInPath().path)
    }
}
