import CodeModeCore
import Foundation
import Testing
import TestSupport

@Suite("codemode validate")
struct ValidateCommandTests {
    @Test func reportsEveryProblemAsJSONAndExits1() throws {
        let folder = try TemporaryDirectory("validate")
        try folder.write("skills/good.py", "async def run():\n    return 1\n")
        try folder.write("skills/sync.py", "def run():\n    return 1\n")
        try folder.write("skills/syntax.py", "async def run(:\n")
        try folder.write("tools/bad.yaml", "description: no name\n")
        try folder.write("requirements.txt", "requests\n-e .\n")
        let result = try ProcessRunner.codemode(["validate", "--json"], in: folder.url)
        #expect(result.status == 1)
        let report = try JSONParser.parse(result.stdout)
        let problems = try #require(report["problems"]?.arrayValue)
        #expect(Set(problems.compactMap { $0["path"]?.stringValue }) ==
                ["skills/sync.py", "skills/syntax.py", "tools/bad.yaml", "requirements.txt"])
        #expect(problems.first { $0["path"] == .string("requirements.txt") }?["line"] == .integer(2))
        #expect(problems.first { $0["path"] == .string("skills/syntax.py") }?["line"] == .integer(1))
        #expect(report["checked"]?["skills"] == .integer(3))
    }

    @Test func cleanLibraryExits0() throws {
        let folder = try TemporaryDirectory("validate-ok")
        try folder.write("skills/good.py", "async def run():\n    return 1\n")
        let result = try ProcessRunner.codemode(["validate"], in: folder.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("no problems"))
    }

    /// CodeMode's own checker vouches for plain skills, so Python is started only for the
    /// others: an interpreter that does not exist shows when it is.
    @Test func pythonIsAskedOnlyAboutWhatThePrecheckCannotVouchFor() throws {
        let folder = try TemporaryDirectory("validate-precheck")
        try folder.write("skills/plain.py", "async def run(x: int = 1):\n    return [i * x for i in range(3)]\n")
        var environment = ProcessInfo.processInfo.environment
        environment["CODEMODE_PYTHON"] = "/nonexistent/python3"
        environment["CODEMODE_CACHE_DIR"] = folder.url.appendingPathComponent("cache").path
        let plain = try ProcessRunner.run(ProcessRunner.codemodeExecutable, ["validate"], in: folder.url, environment: environment)
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")

        // `global` is one of the constructs the pre-check leaves to Python.
        try folder.write("skills/counter.py", "counter = 0\n\n\nasync def run():\n    global counter\n    counter += 1\n    return counter\n")
        let doubtful = try ProcessRunner.run(ProcessRunner.codemodeExecutable, ["validate"], in: folder.url, environment: environment)
        #expect(doubtful.status != 0)
        #expect(doubtful.stderr.contains("CODEMODE_PYTHON=/nonexistent/python3"), "\(doubtful.stderr)")
    }

    @Test func checksGivenFiles() throws {
        let folder = try TemporaryDirectory("validate-files")
        try folder.write("a.py", "async def run():\n    return 1\n")
        try folder.write("b.py", "def run():\n    return 1\n")
        let result = try ProcessRunner.codemode(["validate", "a.py", "b.py", "missing.py"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("b.py:1: run() must be 'async def'") || result.stdout.contains("b.py:1:"))
        #expect(result.stdout.contains("missing.py: no such file or folder"))
        #expect(!result.stdout.contains("a.py:"))
    }
}
