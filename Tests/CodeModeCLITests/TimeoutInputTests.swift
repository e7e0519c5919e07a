import CodeModeCore
import Foundation
import Testing
import TestSupport

/// Time limits: 0 means none everywhere; a number a deadline cannot hold is refused in one line.
@Suite("codemode run and session time limits")
struct TimeoutInputTests {
    @Test(arguments: ["1e300", "-1", "inf", "nan", "1000000001"])
    func runRefusesATimeoutOutOfRange(timeout: String) throws {
        let folder = try TemporaryDirectory("timeout")
        try folder.write("codemode.yaml", "")
        let result = try ProcessRunner.codemode(["run", "--timeout=\(timeout)", "1 + 1"], in: folder.url)
        #expect(result.status == 64)
        // One line, then ArgumentParser's usage lines, as for every usage error.
        #expect(result.stderr.hasPrefix("Error: --timeout must be a number of seconds from 0 (no limit) to 1000000000, not "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func sessionRequestsTakeTheSameRuleAndZeroMeansNoLimit() throws {
        let folder = try TemporaryDirectory("session-timeout")
        try folder.write("codemode.yaml", "")
        let input = """
            {"id": 1, "code": "1 + 1", "timeout": 1e30}
            {"id": 2, "code": "1 + 1", "timeout": 1e400}
            {"id": 3, "code": "1 + 1", "timeout": -2}
            {"id": 4, "code": "import time\\ntime.sleep(0.5)\\n'slept'", "timeout": 0}
            {"id": 5, "code": "import time\\ntime.sleep(0.5)\\n'slept'"}
            {"id": 6, "code": "1 + 1", "timeout": "soon"}

            """
        let result = try ProcessRunner.codemode(["session", "--timeout", "0.2"], in: folder.url, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        try #require(lines.count == 6)
        #expect(lines[0]["error"] == .string("timeout must be a number of seconds from 0 (no limit) to 1000000000, not 1e+30"))
        #expect(lines[1]["error"] == .string("timeout must be a number of seconds from 0 (no limit) to 1000000000, not inf"))
        #expect(lines[2]["error"] == .string("timeout must be a number of seconds from 0 (no limit) to 1000000000, not -2.0"))
        #expect(lines[3]["value"] == .string("slept"))
        #expect(lines[4]["error"]?.stringValue?.hasPrefix("Execution timed out after 0.2s") == true)
        #expect(lines[5]["error"] == .string("\"timeout\" must be a number of seconds (0: no limit)"))
    }
}
