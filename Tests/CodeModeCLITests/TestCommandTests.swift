import CodeModeCore
import CodeModeRedis
import Foundation
import Testing
import TestSupport

/// `codemode test` as a user and a CI job run it: output, exit codes, `--json`, `--junit`,
/// `--coverage`, and the sides it tests: the work tree, a revision, an environment.
@Suite("codemode test")
final class TestCommandTests {
    let fixture: GitFixture

    static let double = "\"\"\"Doubles.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n"

    init() throws {
        fixture = try GitFixture()
        try fixture.write("skills/double.py", Self.double)
        try fixture.write("skills/unused.py", "\"\"\"Nobody calls it.\"\"\"\n\n\nasync def run():\n    return 0\n")
        try fixture.write("tests/test_double.py", "def test_two():\n    assert skills.double(x=2) == 4\n\n\ndef test_three():\n    assert skills.double(x=3) == 6\n")
        try fixture.commitAll("library")
    }

    @Test func passingFailingAndTheirExitCodes() throws {
        let passing = try fixture.codemode("test", "--coverage")
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(passing.stdout.hasPrefix("tests/test_double.py ..\ncoverage: 1 of 2 skill(s) invoked by a test; no test reaches 1: unused\n2 passed, 0 failed in "))

        try fixture.write("tests/test_double.py", "def test_two():\n    assert skills.double(x=2) == 5\n")
        let failing = try fixture.codemode("test", "--json", "--junit", "report.xml")
        #expect(failing.status == 1)
        let json = try JSONParser.parse(failing.stdout)
        #expect(json["failed"] == .integer(1) && json["passed"] == .integer(0))
        let test = json["tests"]?.arrayValue?.first
        #expect(test?["message"] == .string("AssertionError: assert skills.double(x=2) == 5"))
        #expect(test?["traceback"]?.stringValue?.contains("File \"tests/test_double.py\", line 2, in test_two") == true)
        #expect(test?["invoked"] == .array([.string("double")]))
        #expect(try String(contentsOf: fixture.url("report.xml"), encoding: .utf8).contains("<failure message=\"AssertionError: assert skills.double(x=2) == 5\">"))

        let unknown = try fixture.codemode("test", "nosuch")
        #expect(unknown.status == 64 && unknown.stderr == "codemode: no test file for 'nosuch' in tests/ (tests are tests/test_*.py, also in subfolders)\n")
        #expect(try fixture.codemode("test", "--jobs", "0").status == 64)
    }

    @Test func aRevisionRunsItsOwnTestsOnItsOwnSkills() throws {
        try fixture.write("skills/double.py", Self.double.replacingOccurrences(of: "x * 2", with: "x * 3"))
        try fixture.write("tests/test_double.py", "def test_broken_here():\n    assert skills.double(x=1) == 2\n")
        let workTree = try fixture.codemode("test")
        #expect(workTree.status == 1 && workTree.stdout.contains("test_broken_here"))
        let committed = try fixture.codemode("test", "--rev", "HEAD", "double")
        #expect(committed.status == 0 && committed.stdout.contains("2 passed, 0 failed"), "\(committed.stdout)\(committed.stderr)")
        let missing = try fixture.codemode("test", "--rev", "no-such-branch")
        #expect(missing.status == 64 && missing.stderr.contains("no-such-branch"))
    }

    @Test func anEnvironmentIsTestedReadOnly() throws {
        let server = try RedisServer()
        let prefix = server.uniquePrefix("dev")
        try fixture.write("codemode.yaml", "environments:\n  dev: { url: \"\(server.url)\", prefix: \(prefix) }\n")
        try fixture.commitAll("environments")
        #expect(try fixture.codemode("push", "dev").status == 0)
        try fixture.write("tests/test_writes.py", "def test_create():\n    skills.create('made', 'async def run():\\n    return 1\\n')\n")
        let before = try server.connect().command("HGETALL", "\(prefix):skills:__skills__")
        let result = try fixture.codemode("test", "--env", "dev")
        #expect(result.status == 1 && result.stdout.contains("2 passed, 1 failed"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("cannot be saved: codemode test runs tests read-only"))
        #expect(try server.connect().command("HGETALL", "\(prefix):skills:__skills__") == before)

        try fixture.write("codemode.yaml", "environments:\n  dev: { url: \"redis://127.0.0.1:1\", prefix: \(prefix) }\n")
        let unreachable = try fixture.codemode("test", "--env", "dev")
        #expect(unreachable.status == 69, "\(unreachable.stderr)")
    }
}
