import CodeModeCore
import Foundation
import Testing
import TestSupport

@Suite("codemode run and session")
struct SessionCommandTests {
    static let tripler = "\"\"\"Triples a number.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return 3 * x\n"

    @Test func runPrintsOutputThenTheValueAndFailsWhenTheCodeRaises() throws {
        let folder = try TemporaryDirectory("run")
        try folder.write("skills/tripler.py", Self.tripler)
        let ran = try ProcessRunner.codemode(["run", "print('hello')\nskills.tripler(x=14)"], in: folder.url)
        #expect(ran.status == 0)
        #expect(ran.stdout == "hello\n42\n")
        let raised = try ProcessRunner.codemode(["run", "-"], in: folder.url, stdin: "skills.nothing()\n")
        #expect(raised.status == 1)
        #expect(raised.stderr.hasSuffix("ValueError: Skill not found: nothing\n"))
        let json = try ProcessRunner.codemode(["run", "--json", "{'a': 1}"], in: folder.url)
        let result = try JSONParser.parse(json.stdout)
        #expect(result["value"] == .object([JSONMember("a", .integer(1))]))
        #expect(result["error"] == .null)
        #expect(result["duration_ms"]?.doubleValue != nil)
    }

    @Test func runTakesAFileAndATimeout() throws {
        let folder = try TemporaryDirectory("run-file")
        try folder.write("codemode.yaml", "")
        try folder.write("cell.py", "import time\ntime.sleep(20)\n")
        let result = try ProcessRunner.codemode(["run", "-f", "cell.py", "--timeout", "0.5"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Execution timed out after 0.5s: the code was interrupted"))
    }

    @Test func sessionAnswersEachJSONLineInOneLongLivedSession() throws {
        let folder = try TemporaryDirectory("session-lines")
        try folder.write("codemode.yaml", "")
        let input = """
            {"id": 1, "code": "total = 40"}
            {"id": "two", "code": "total + 2"}
            this is not json
            {"id": 3}
            {"id": 4, "code": "skills.create('made', 'async def run():\\\\n    return 7\\\\n')\\nskills.made()"}
            {"id": 5, "code": "import time\\ntime.sleep(10)", "timeout": 0.3}
            {"id": 6, "code": "print('out')\\ntotal"}

            """
        let result = try ProcessRunner.codemode(["session"], in: folder.url, stdin: input)
        #expect(result.status == 0)
        let lines = try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        try #require(lines.count == 7)
        #expect(lines.map { $0["id"] } == [.integer(1), .string("two"), .null, .integer(3), .integer(4), .integer(5), .integer(6)])
        #expect(lines[1]["value"] == .integer(42))
        #expect(lines[2]["error"]?.stringValue?.hasPrefix("the request is not JSON") == true)
        #expect(lines[3]["error"]?.stringValue?.hasPrefix("the request has no \"code\" string") == true)
        #expect(lines[4]["value"] == .integer(7))
        #expect(lines[5]["error"]?.stringValue?.hasPrefix("Execution timed out after 0.3s") == true)
        #expect(lines[6]["value"] == .integer(40))
        #expect(lines[6]["stdout"] == .string("out\n"))
        #expect(Set(lines[0].objectValue?.map(\.key) ?? []) == ["id", "value", "stdout", "stderr", "error", "duration_ms"])
        #expect(folder.exists("skills/made.py"))
    }

    @Test func revRunsABranchReadOnly() throws {
        let repository = try GitFixture()
        try repository.write("codemode.yaml", "")
        try repository.write("skills/tripler.py", Self.tripler)
        try repository.commitAll("library")
        try repository.git("checkout", "--quiet", "-b", "review/quad")
        try repository.write("skills/quadruple.py", "async def run(x: int) -> int:\n    return 4 * x\n")
        try repository.commitAll("quadruple")
        try repository.git("checkout", "--quiet", "main")

        let onBranch = try repository.codemode("run", "--rev", "review/quad", "[s.name for s in skills.list()], skills.quadruple(x=2)")
        #expect(onBranch.stdout == "(['quadruple', 'tripler'], 8)\n")
        let traceback = try repository.codemode("run", "--rev", "review/quad", "skills.quadruple(x=None)")
        #expect(traceback.stderr.contains("File \"review/quad:skills/quadruple.py\", line 2, in run"))
        let refused = try repository.codemode("run", "--rev", "review/quad", "skills.delete('tripler')")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--rev review/quad is a read-only view of a git revision"))
        #expect(FileManager.default.fileExists(atPath: repository.url("skills/tripler.py").path))
        let unknown = try repository.codemode("run", "--rev", "no-such-branch", "1")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("codemode: --rev no-such-branch names no branch, tag or commit in "))
    }

    @Test func envRunsAgainstTheEnvironmentsPrefix() throws {
        let server = try RedisServer()
        let folder = try TemporaryDirectory("session-env")
        try folder.write("codemode.yaml", "environments:\n  dev: { url: \"\(server.url)\", prefix: agents-dev }\n")
        let created = try ProcessRunner.codemode(["run", "--env", "dev", "skills.create('hello', 'async def run():\\n    return \"hi\"\\n').name"], in: folder.url)
        #expect(created.stdout == "hello\n")
        #expect(!folder.exists("skills/hello.py"))
        let listed = try ProcessRunner.codemode(["store", "list", "--target", "\(server.url)", "--prefix", "agents-dev", "--json"], in: folder.url)
        #expect(listed.stdout.contains("\"hello\""))
        let unknown = try ProcessRunner.codemode(["run", "--env", "prod", "1"], in: folder.url)
        #expect(unknown.status == 64)
    }
}

@Suite("codemode repl")
struct ReplCommandTests {
    @Test func cellsSpanLinesAndResetForgets() throws {
        let folder = try TemporaryDirectory("repl")
        try folder.write("codemode.yaml", "")
        let input = """
            x = 1
            def f(a):
                if a:
                    return a * 2
                else:
                    return 0

            f(21)
            items = [
              1,
              2]
            sum(items) + x
            print('''two
            lines''')
            %reset
            x

            """
        let result = try ProcessRunner.codemode(["repl"], in: folder.url, stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == "42\n4\ntwo\nlines\n(variables forgotten)\n")
        #expect(result.stderr.hasSuffix("NameError: name 'x' is not defined\n"))
    }
}

/// A cell that forks: only the kernel answers, and every answer belongs to its request.
@Suite("codemode session after a fork")
struct ForkedSessionTests {
    @Test func everyAnswerBelongsToItsRequestAndAChildCannotUseTheNamespaces() throws {
        let folder = try TemporaryDirectory("session-fork")
        try folder.write("codemode.yaml", "")
        let session = try LineChild(ProcessRunner.codemodeExecutable, ["session", "--timeout", "10"], in: folder.url)
        func ask(_ id: Int, _ code: String) throws -> JSONValue? {
            let request = PythonJSONEncoder().encode(.object([JSONMember("id", .integer(id)), JSONMember("code", .string(code))]))
            return try session.ask(request).map { try JSONParser.parse($0) }
        }
        let forked = try ask(1, "import os, time\npid = os.fork()\nif pid:\n    time.sleep(0.2)  # the child would answer first\npid")
        #expect(forked?["id"] == .integer(1))
        #expect((forked?["value"]?.doubleValue ?? 0) > 0, "the kernel's answer, the child's pid: \(String(describing: forked))")
        #expect(try ask(2, "'second'")?["value"] == .string("second"))
        #expect(try ask(3, "'third'")?["value"] == .string("third"))
        // A child that calls a namespace gets an error in the child; the kernel answers.
        let calling = "import os, time\nif os.fork() == 0:\n    skills.list()\ntime.sleep(0.2)\n'parent'"
        #expect(try ask(4, calling)?["value"] == .string("parent"))
        #expect(try ask(5, "'fifth'")?["value"] == .string("fifth"))
        // The host takes only the answer that carries the id of the cell it sent.
        let forged = "import os\nos.write(4, b'{\"op\": \"done\", \"run\": 999, \"value\": \"forged\"}\\n')\n'real'"
        #expect(try ask(6, forged)?["value"] == .string("real"))
        #expect(try session.finish().status == 0)
    }
}
