import CodeModeCore
import CodeModeRedis
import Foundation
import Testing
import TestSupport

/// Gates of an environment where a user meets them: `promote prod` refused by a failing test
/// with prod untouched, a passing promote recording its gates in `log`, the branch gate, and an
/// audited skip.
@Suite("codemode gates")
final class GateCommandTests {
    let server: RedisServer
    let fixture: GitFixture
    let prefixes: [String: String]

    static let double = "\"\"\"Doubles.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n"

    init() throws {
        server = try RedisServer()
        fixture = try GitFixture()
        let server = server
        prefixes = Dictionary(uniqueKeysWithValues: ["dev", "prod"].map { ($0, server.uniquePrefix($0)) })
        try fixture.write("codemode.yaml", """
            environments:
              dev: { url: "\(server.url)", prefix: \(prefixes["dev"]!) }
              prod:
                url: "\(server.url)"
                prefix: \(prefixes["prod"]!)
                gates: {tests: required, coverage: all, branch: main, soak: 2h}
            promotion: [dev, prod]

            """)
        try fixture.write("skills/double.py", Self.double)
        try fixture.write("tests/test_double.py", "def test_double():\n    assert skills.double(x=2) == 4\n")
        try fixture.commitAll("library")
    }

    func prodKeys() throws -> [String: RedisReply] {
        let connection = try server.connect()
        var dump: [String: RedisReply] = [:]
        for key in try connection.scan(match: "\(prefixes["prod"]!):*") {
            dump[String(decoding: key, as: UTF8.self)] = try connection.command([Array("DUMP".utf8), key])
        }
        return dump
    }

    @Test func aFailingTestRefusesPromoteAndLeavesProdAsItWas() throws {
        #expect(try fixture.codemode("push", "dev").status == 0)
        #expect(try fixture.codemode("promote", "prod", "--skip-gate", "soak", "--reason", "first release").status == 0)
        let before = try prodKeys()
        // An agent-written skill that fails its test reaches dev through review.
        try fixture.write("skills/triple.py", Self.double.replacingOccurrences(of: "Doubles", with: "Triples"))
        try fixture.write("tests/test_triple.py", "def test_triple():\n    assert skills.triple(x=2) == 6\n")
        try fixture.commitAll("triple")
        #expect(try fixture.codemode("push", "dev").status == 0)

        let promote = try fixture.codemode("promote", "prod", "--skip-gate", "soak", "--reason", "hot fix")
        #expect(promote.status == 1)
        #expect(promote.stderr.contains("gate(s) of prod failed") && promote.stderr.contains("tests: failed (1 of 2 tests failed: tests/test_triple.py::test_triple"),
                "\(promote.stderr)")
        #expect(try prodKeys() == before, "prod is byte-identical")

        let dryRun = try JSONParser.parse(try fixture.codemode("promote", "prod", "--dry-run", "--json", "--skip-gate", "soak", "--reason", "look").stdout)
        #expect(dryRun["gates"]?.arrayValue?.map { "\($0["gate"]?.stringValue ?? ""):\($0["outcome"]?.stringValue ?? "")" }
                == ["branch:passed", "soak:skipped", "tests:failed", "coverage:passed"])
    }

    @Test func aPassingPromoteRecordsItsGatesAndTheSkip() throws {
        #expect(try fixture.codemode("push", "dev").status == 0)
        let soaking = try fixture.codemode("promote", "prod")
        #expect(soaking.status == 1 && soaking.stderr.contains("soak: failed (deployed in dev"), "\(soaking.stderr)")
        #expect(soaking.stderr.contains("left of 2h 0m"))
        #expect(try fixture.codemode("promote", "prod", "--skip-gate", "soak").status == 64, "a skip needs a reason")

        let promoted = try fixture.codemode("promote", "prod", "--skip-gate", "soak", "--reason", "launch day")
        #expect(promoted.status == 0, "\(promoted.stderr)")
        let log = try JSONParser.parse(try fixture.codemode("log", "prod", "-n", "1", "--json").stdout)
        let gates = log.arrayValue?.first?["gates"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(gates.count == 4)
        #expect(gates.contains("soak: skipped (launch day, by Test Author <author@example.com>)"))
        #expect(gates.contains("tests: passed (1 passed, 0 failed)") && gates.contains("coverage: passed (1 of 1 skills invoked)"))
        guard case .string(let recorded) = try server.connect().command("HGET", "\(prefixes["prod"]!):codemode:sync", "gate:soak") else {
            Issue.record("no gate in the sync record")
            return
        }
        #expect(String(decoding: recorded, as: UTF8.self).hasPrefix("soak: skipped (launch day"))
    }

    @Test func restoreEvaluatesTheGatesOfTheStateItWritesBack() throws {
        #expect(try fixture.codemode("push", "dev").status == 0)
        #expect(try fixture.codemode("promote", "prod", "--skip-gate", "soak", "--reason", "first release").status == 0)
        let connection = try server.connect()
        for key in try connection.scan(match: "\(prefixes["prod"]!):*") { try connection.command([Array("DEL".utf8), key]) }

        let refused = try fixture.codemode("restore", "prod")
        #expect(refused.status == 1 && refused.stderr.contains("soak: failed (deployed in dev"), "\(refused.stderr)")
        #expect(try prodKeys().isEmpty, "nothing was written")

        let restored = try fixture.codemode("restore", "prod", "--skip-gate", "soak", "--reason", "outage", "--json")
        #expect(restored.status == 0, "\(restored.stderr)")
        let outcomes = try JSONParser.parse(restored.stdout)["gates"]?.arrayValue?.map { "\($0["gate"]?.stringValue ?? ""):\($0["outcome"]?.stringValue ?? "")" }
        #expect(outcomes == ["branch:passed", "soak:skipped", "tests:passed", "coverage:passed"])
        let log = try JSONParser.parse(try fixture.codemode("log", "prod", "-n", "1", "--json").stdout).arrayValue?.first
        #expect(log?["operation"] == .string("restore"))
        #expect(log?["gates"]?.arrayValue?.compactMap(\.stringValue).contains("soak: skipped (outage, by Test Author <author@example.com>)") == true)
        guard case .string(let recorded) = try connection.command("HGET", "\(prefixes["prod"]!):codemode:sync", "gate:soak") else {
            Issue.record("the restored sync record has no gates")
            return
        }
        #expect(String(decoding: recorded, as: UTF8.self).hasPrefix("soak: skipped (outage"))
    }

    @Test func theBranchGateRefusesACommitNotOnMain() throws {
        try fixture.git("checkout", "--quiet", "-b", "unreviewed")
        try fixture.write("skills/double.py", Self.double.replacingOccurrences(of: "x * 2", with: "x + x"))
        try fixture.commitAll("not reviewed")
        #expect(try fixture.codemode("push", "dev").status == 0)
        let promote = try fixture.codemode("promote", "prod", "--skip-gate", "soak", "--reason", "test")
        #expect(promote.status == 1 && promote.stderr.contains("branch: failed (") && promote.stderr.contains("is not on main; merge it into main first"),
                "\(promote.stderr)")
    }
}

/// `verify:` — tests against the prefix right after a write, automatic rollback, blocks.
@Suite("codemode verify, rollback and unblock")
final class VerifyCommandTests {
    let server: RedisServer
    let fixture: GitFixture
    let prod: String

    init() throws {
        server = try RedisServer()
        fixture = try GitFixture()
        let dev = server.uniquePrefix("dev")
        prod = server.uniquePrefix("prod")
        try fixture.write("codemode.yaml", """
            environments:
              dev: { url: "\(server.url)", prefix: \(dev) }
              prod: { url: "\(server.url)", prefix: \(prod), verify: [tests/smoke] }
            promotion: [dev, prod]

            """)
        try fixture.write("skills/double.py", GateCommandTests.double)
        try fixture.write("tests/smoke/test_smoke.py", "def test_double():\n    assert skills.double(x=2) == 4\n")
        try fixture.write("tests/test_slow.py", "def test_not_a_smoke_test():\n    assert False\n")
        try fixture.commitAll("library")
    }

    func record(_ field: String) throws -> String? {
        guard case .string(let bytes) = try server.connect().command("HGET", "\(prod):codemode:sync", field) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aFailedVerificationRollsBackAndBlocksUntilUnblocked() throws {
        #expect(try fixture.codemode("push", "dev").status == 0)
        let first = try fixture.codemode("promote", "prod")
        #expect(first.status == 0 && first.stdout.contains("verify prod: passed (1 passed, 0 failed)"), "\(first.stdout)\(first.stderr)")
        let good = try fixture.git("rev-parse", "HEAD")
        let skillsBefore = try server.connect().command("HGETALL", "\(prod):skills:__skills__")

        // The next commit's smoke test needs a skill prod does not have yet.
        try fixture.write("tests/smoke/test_smoke.py", "def test_double():\n    assert skills.double(x=2) == 4\n\n\ndef test_helper_is_there():\n    assert skills.get('helper') is not None\n")
        let candidate = try fixture.commitAll("smoke test the helper")
        #expect(try fixture.codemode("push", "dev").status == 0)
        let failed = try fixture.codemode("promote", "prod")
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("verify prod: failed (1 passed, 1 failed): tests/smoke/test_smoke.py::test_helper_is_there"), "\(failed.stderr)")
        #expect(failed.stderr.contains("prod was rolled back to \(good.prefix(12))"))
        #expect(try record("commit") == good, "the record names the commit deployed before")
        #expect(try server.connect().command("HGETALL", "\(prod):skills:__skills__") == skillsBefore)
        #expect(try record("blocked:\(candidate)")?.hasPrefix("verify failed: tests/smoke/test_smoke.py::test_helper_is_there") == true)

        let again = try fixture.codemode("promote", "prod", "--json")
        #expect(again.status == 3 && again.stderr.contains("is blocked in prod") && again.stderr.contains("codemode unblock prod"))
        #expect(try JSONParser.parse(again.stdout)["refused"] == .string("blocked"))

        // The environment is fixed: an agent saves the helper into prod; then the block is lifted.
        try server.connect().command("HSET", "\(prod):skills:__skills__", "helper",
                                     #"{"name": "helper", "description": "Helps.", "source": "async def run():\n    return 1\n", "parameters": []}"#)
        #expect(try fixture.codemode("unblock", "prod", candidate, "--reason", "helper deployed").status == 0)
        #expect(try fixture.codemode("unblock", "prod", candidate, "--reason", "again").status == 1, "not blocked any more")
        let promoted = try fixture.codemode("promote", "prod")
        #expect(promoted.status == 0 && promoted.stdout.contains("verify prod: passed (2 passed, 0 failed)"), "\(promoted.stdout)\(promoted.stderr)")
        #expect(try record("commit") == candidate)

        let log = try JSONParser.parse(try fixture.codemode("log", "prod", "--json").stdout)
        let operations = log.arrayValue?.compactMap { $0["operation"]?.stringValue } ?? []
        // Newest first: the verified promote (after a fetch of the agent's helper), the unblock, and
        // before them the failed verification, the block and the automatic rollback.
        #expect(Array(operations.prefix(8)) == ["verify", "promote", "fetch", "unblock", "verify", "block", "rollback", "promote"], "\(operations)")
        let summaries = log.arrayValue?.compactMap { $0["summary"]?.stringValue } ?? []
        #expect(summaries.first?.hasSuffix("passed (2 passed, 0 failed)") == true && summaries.contains { $0.contains("unblock prod: \(candidate.prefix(12)): helper deployed") })
        #expect(summaries.contains { $0.contains("verify prod: \(candidate.prefix(12)) failed (1 passed, 1 failed)") })
    }
}
