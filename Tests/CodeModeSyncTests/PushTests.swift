import CodeModeCore
import CodeModeGit
import CodeModeStorage
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

@Suite("push, promote, rollback")
final class PushTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    func library(folder: String = "", skills: [String] = ["alpha", "beta"]) throws -> SyncFixture {
        let fixture = try SyncFixture(server: server, folder: folder)
        for name in skills { try fixture.writeSkill(name) }
        try fixture.write("tools/jq.yaml", "name: jq\ndescription: Query JSON.\ncommand: jq\n" + SyncFixture.recipes)
        try fixture.write("requirements.txt", "requests>=2.31\nPyYAML==6.0  # config\n")
        try fixture.commit("library")
        return fixture
    }

    @Test func firstPushWritesEveryItemInPyCodeModesLayout() throws {
        let fixture = try library()
        let result = try fixture.push("dev")
        #expect(result.writes.map(\.item.path) == ["requirements.txt", "skills/alpha.py", "skills/beta.py", "tools/jq.yaml"])
        #expect(result.writes.allSatisfy { $0.change == .added } && result.recorded && !result.dryRun)

        // Python reads every value back as the JSON py-code-mode writes, byte for byte.
        let stored = try fixture.storedSkills("dev")
        let script = #"""
        import json, sys
        for value in json.load(sys.stdin):
            entry = json.loads(value)
            assert list(entry) == ["name", "description", "source", "parameters"], list(entry)
            assert json.dumps(entry).encode() == value.encode(), value
        print("ok")
        """#
        let checked = try PythonScript.run(script, input: Array(PythonJSONEncoder().encode(.array(stored.values.map { .string(String(decoding: $0, as: UTF8.self)) })).utf8))
        #expect(String(decoding: checked, as: UTF8.self) == "ok\n")
        #expect(Set(stored.keys) == ["alpha", "beta"])
        let connection = try fixture.connection()
        guard case .array(let members) = try connection.command("SMEMBERS", fixture.keys("dev").deps) else { Issue.record("no deps set"); return }
        #expect(Set(members.compactMap { if case .string(let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { nil } })
                == ["requests>=2.31", "pyyaml==6.0"])
        guard case .string(let tool) = try connection.command("HGET", fixture.keys("dev").tools, "jq") else { Issue.record("no tool"); return }
        #expect(String(decoding: tool, as: UTF8.self).hasPrefix(#"{"name": "jq", "description": "Query JSON.", "command": "jq", "recipes": "#))

        // The sync record: the deployed commit, its tree, who, and each item's identity.
        let record = try #require(SyncRecord(entries: fixture.library().connect(fixture.environment("dev")).hashEntries(fixture.keys("dev").syncRecord)))
        #expect(record.commit.hex == (try fixture.git.git("rev-parse", "HEAD")))
        #expect(record.tree.hex == (try fixture.git.git("rev-parse", "HEAD^{tree}")))
        #expect(record.who == "Test Author <author@example.com>" && record.tool == "codemode")
        #expect(record.items["skills/alpha.py"]?.hex == (try fixture.git.git("rev-parse", "HEAD:skills/alpha.py")))
        #expect(Set(record.items.keys) == ["requirements.txt", "skills/alpha.py", "skills/beta.py", "tools/jq.yaml"])

        // The tracking ref: a commit holding the prefix, with the pushed commit as a parent.
        let snapshot = try #require(try fixture.trackingRef("dev"))
        #expect(try fixture.git.git("rev-parse", "\(snapshot)^2") == (try fixture.git.git("rev-parse", "HEAD")))
        #expect(try fixture.git.git("diff", "--stat", "HEAD", snapshot).isEmpty)
        try fixture.git.git("fsck", "--strict")
        #expect(try fixture.push("dev").writes.isEmpty, "a second push writes nothing")
    }

    @Test func aPushTheServerHasNoMemoryForWritesNothing() throws {
        let fixture = try library(skills: [])
        let body = String(repeating: "    total += 1  # padding\n", count: 160)
        for index in 0..<400 {
            try fixture.write("skills/big_\(index).py", "\"\"\"Big \(index).\"\"\"\n\n\nasync def run() -> int:\n    total = 0\n\(body)    return total\n")
        }
        try fixture.commit("400 skills of 4 KB: 1.6 MB in one push")
        let connection = try fixture.connection()
        try connection.command("CONFIG", "SET", "maxmemory", "1mb")
        #expect { try fixture.push("dev") } throws: { "\($0)".contains("OOM") }
        try connection.command("CONFIG", "SET", "maxmemory", "0")
        let keys = fixture.keys("dev")
        #expect(try connection.command("EXISTS", keys.skills, keys.tools, keys.deps, keys.syncRecord) == .integer(0),
                "the server refused the script before it ran: nothing is written")

        #expect(try fixture.push("dev").writes.count == 400 + 2, "with the limit raised, the same push lands")
    }

    @Test func pushWritesOnlyTheDeltaAndKeepsAnAgentsSkill() throws {
        let fixture = try library()
        _ = try fixture.push("dev")
        try fixture.agentSavesSkill("agent_made")
        try fixture.writeSkill("alpha", returning: "100")
        try fixture.remove("skills/beta.py")
        try fixture.commit("edit alpha, drop beta")
        let before = try fixture.storedSkills("dev")
        let result = try fixture.push("dev")
        #expect(result.writes.map { "\($0.change.rawValue) \($0.item.path)" } == ["modified skills/alpha.py", "deleted skills/beta.py"])
        #expect(result.kept.map(\.item.path) == ["skills/agent_made.py"])
        let after = try fixture.storedSkills("dev")
        #expect(after["agent_made"] == before["agent_made"], "the agent's skill is untouched")
        #expect(after["beta"] == nil && after["alpha"] != before["alpha"])
        #expect(try fixture.states("dev") == ["skills/agent_made.py": "changed-there"])
    }

    @Test func conflictRefusesTheWholePushAndWritesNothing() throws {
        let fixture = try library()
        _ = try fixture.push("dev")
        try fixture.writeSkill("alpha", returning: "10")
        try fixture.writeSkill("gamma")
        try fixture.commit("here")
        try fixture.agentSavesSkill("alpha", returning: "20")
        let before = try fixture.prefixDump("dev")
        let refTarget = try fixture.trackingRef("dev")
        #expect {
            _ = try fixture.push("dev")
        } throws: { error in
            guard case .conflicts(let conflicts) = (error as? SyncError)?.refusal else { return false }
            return conflicts.environment == "dev" && conflicts.items.map(\.item.path) == ["skills/alpha.py"]
                && conflicts.items.first?.here == .modified && conflicts.items.first?.there == .modified
        }
        #expect(try fixture.prefixDump("dev") == before, "the prefix is byte-for-byte as it was")
        #expect(try fixture.trackingRef("dev") != refTarget, "the fetch behind it still moved the tracking ref")

        // --force makes the prefix equal to HEAD.
        let forced = try fixture.push("dev", force: true)
        #expect(Set(forced.writes.map(\.item.path)) == ["skills/alpha.py", "skills/gamma.py"])
        #expect(try fixture.states("dev").isEmpty)
    }

    @Test func dryRunWritesNothingAnywhere() throws {
        let fixture = try library()
        let before = try fixture.prefixDump("dev")
        let plan = try fixture.push("dev", dryRun: true)
        #expect(plan.dryRun && plan.writes.count == 4 && !plan.recorded)
        #expect(try fixture.prefixDump("dev") == before)
        #expect(try fixture.trackingRef("dev") == nil)
    }

    @Test func invalidItemsAreNeverWritten() throws {
        let fixture = try library()
        try fixture.write("skills/broken.py", "def run(x):\n    return x\n")
        try fixture.write("tools/misnamed.yaml", "name: other\ndescription: x\n" + SyncFixture.recipes)
        try fixture.git.git("add", "--all")
        try fixture.git.git("commit", "--quiet", "--no-verify", "-m", "bad")
        #expect {
            _ = try fixture.push("dev")
        } throws: { error in
            let message = (error as? SyncError)?.message ?? ""
            return message.contains("skills/broken.py") && message.contains("async def") && message.contains("tools/misnamed.yaml")
                && message.contains("rename the file to tools/other.yaml")
        }
        #expect(try fixture.prefixDump("dev").isEmpty)
    }

    @Test func libraryInASubFolder() throws {
        let fixture = try library(folder: "agents/library")
        try fixture.git.write("README.md", "the rest of the repository\n")
        try fixture.commit("readme")
        #expect(try fixture.push("dev").writes.count == 4)
        let snapshot = try #require(try fixture.trackingRef("dev"))
        #expect(try fixture.git.git("ls-tree", "-r", "--name-only", snapshot).contains("agents/library/skills/alpha.py"))
        #expect(try fixture.git.git("show", "\(snapshot):README.md") == "the rest of the repository")
        try fixture.agentSavesSkill("agent_made")
        #expect(try fixture.states("dev") == ["skills/agent_made.py": "changed-there"])
    }

    @Test func promotePushesTheDeployedCommitNotHEAD() throws {
        let fixture = try library()
        _ = try fixture.push("dev")
        let deployed = try fixture.git.git("rev-parse", "HEAD")
        try fixture.writeSkill("unreviewed")
        try fixture.commit("not pushed to dev")
        let library = try fixture.library()
        let commit = try library.deployedCommit(in: fixture.environment("dev"))
        #expect(commit.hex == deployed)
        let request = PushRequest(kind: .promote(from: "dev"), commit: commit)
        let result = try library.push(fixture.environment("staging"), request)
        #expect(!result.writes.map(\.item.path).contains("skills/unreviewed.py"))
        #expect(Set(try fixture.storedSkills("staging").keys) == ["alpha", "beta"])
        // Nothing deployed in staging yet for prod's promotion to take... until now:
        #expect(try library.deployedCommit(in: fixture.environment("staging")).hex == deployed)
        #expect(throws: SyncError.self) { try library.deployedCommit(in: fixture.environment("prod")) }
    }

    @Test func rollbackRestoresAnEarlierStateAndKeepsAgentsWork() throws {
        let fixture = try library()
        _ = try fixture.push("dev")
        let first = try fixture.git.git("rev-parse", "HEAD")
        try fixture.writeSkill("alpha", returning: "2")
        try fixture.writeSkill("gamma")
        try fixture.commit("second")
        _ = try fixture.push("dev")
        try fixture.agentSavesSkill("agent_made")
        let library = try fixture.library()
        let result = try library.push(fixture.environment("dev"), PushRequest(kind: .rollback(revision: first), commit: library.commit(first)))
        #expect(Set(result.writes.map { "\($0.change.rawValue) \($0.item.path)" }) == ["modified skills/alpha.py", "deleted skills/gamma.py"])
        #expect(Set(try fixture.storedSkills("dev").keys) == ["alpha", "beta", "agent_made"])
        let history = try library.history(fixture.environment("dev"))
        #expect(history.first?.operation == "rollback" && history.first?.deployed?.hex == first)
    }
}
