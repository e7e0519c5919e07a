import CodeModeCore
import Foundation
import Testing
import TestSupport

/// A cell that forks: only the kernel answers, and every answer belongs to its request.
@Suite("a fork in a run_code cell")
struct ForkedKernelTests {
    @Test func everyAnswerBelongsToItsRequestAfterAFork() throws {
        let folder = try TemporaryDirectory("mcp-fork")
        try folder.write("codemode.yaml", "")
        let client = try RawMCPClient(["--base", folder.path, "--timeout", "10"], in: folder.url)
        let forked = try client.call("run_code", .object([JSONMember("code", .string("import os, time\npid = os.fork()\nif pid:\n    time.sleep(0.2)  # the child would answer first\npid"))]))
        #expect(forked?["id"] == .integer(101))
        #expect(Int(RawMCPClient.text(of: forked) ?? "") ?? 0 > 0, "the kernel's answer, the child's pid: \(String(describing: forked))")
        for (index, word) in ["second", "third", "fourth"].enumerated() {
            let answer = try client.call("run_code", .object([JSONMember("code", .string("'\(word)'"))]))
            #expect(answer?["id"] == .integer(102 + index))
            #expect(RawMCPClient.text(of: answer) == word)
        }
        try client.child.finish()
    }
}
