import CodeModeCore
import CodeModeGit
import CodeModeRedis
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

/// A prefix that lost its data (DESIGN.md §2, "Hide a loss") is reported as lost, refused by
/// every write, never recorded as a state, and written back by `restore`.
@Suite("a prefix that loses its data")
final class LossTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    /// dev and staging holding a library with a tool and requirements, plus a skill an agent
    /// saved in dev.
    func deployedLibrary() throws -> SyncFixture {
        let fixture = try SyncFixture(server: server)
        for name in ["alpha", "beta", "gamma"] { try fixture.writeSkill(name) }
        try fixture.write("tools/jq.yaml", "name: jq\ndescription: Query JSON.\ncommand: jq\n" + SyncFixture.recipes)
        try fixture.write("requirements.txt", "requests>=2.31\n")
        let commit = try fixture.commit("library")
        _ = try fixture.push("dev")
        let library = try fixture.library()
        _ = try library.push(fixture.environment("staging"), PushRequest(kind: .promote(from: "dev"), commit: library.commit(commit)))
        try fixture.agentSavesSkill("agent_made")
        _ = try fixture.status("dev")
        return fixture
    }

    /// Every key of the environment: hashes as field → value (their order is Redis's own),
    /// sets as sorted members.
    func contents(_ fixture: SyncFixture, _ environment: String) throws -> [String: [String: [UInt8]]] {
        let connection = try fixture.connection()
        let storage = try fixture.library().connect(fixture.environment(environment))
        var contents: [String: [String: [UInt8]]] = [:]
        let keys = fixture.keys(environment)
        for key in [keys.skills, keys.tools, keys.syncRecord] {
            contents[key] = Dictionary(uniqueKeysWithValues: try storage.hashEntries(key).map {
                (String(decoding: $0.field, as: UTF8.self), $0.value)
            })
        }
        guard case .array(let members) = try connection.command("SMEMBERS", keys.deps) else { return contents }
        contents[keys.deps] = Dictionary(uniqueKeysWithValues: members.compactMap { if case .string(let bytes) = $0 { (String(decoding: bytes, as: UTF8.self), bytes) } else { nil } })
        return contents
    }

    func expectLost(_ fixture: SyncFixture, _ environment: String, kinds: [ItemKind], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let status = try fixture.status(environment)
        #expect(status.loss?.kinds == kinds && status.items.isEmpty && !status.inSync, sourceLocation: sourceLocation)
        let ref = try fixture.trackingRef(environment)
        for operation in ["push", "pull", "fetch"] {
            let library = try fixture.library()
            let env = try fixture.environment(environment)
            #expect(sourceLocation: sourceLocation) {
                switch operation {
                case "push": _ = try fixture.push(environment)
                case "pull": _ = try library.pull(env, branch: "review/x")
                default: _ = try library.fetch(env)
                }
            } throws: { error in
                guard case .lost(let loss) = (error as? SyncError)?.refusal else { return false }
                return loss.kinds == kinds && loss.environment == environment
            }
        }
        #expect(try fixture.trackingRef(environment) == ref, "no snapshot of the loss", sourceLocation: sourceLocation)
        #expect(try fixture.git.runGit(["rev-parse", "--verify", "--quiet", "refs/heads/review/x"]).status != 0, sourceLocation: sourceLocation)
    }

    func restore(_ fixture: SyncFixture, _ environment: String, dryRun: Bool = false) throws -> RestoreResult {
        let library = try fixture.library()
        return try library.restore(library.config.environment(named: environment), dryRun: dryRun)
    }

    @Test func aWipedServerIsLostUntilRestoreWritesBackTheExactState() throws {
        let fixture = try deployedLibrary()
        let dev = try contents(fixture, "dev")
        let staging = try contents(fixture, "staging")
        try fixture.connection().command("FLUSHALL")

        try expectLost(fixture, "dev", kinds: [.skill, .tool, .requirements])
        let loss = try #require(try fixture.status("dev").loss)
        #expect(loss.prefixIsEmpty && loss.lastItemCount == 6 && loss.movedFrom == nil)
        #expect(loss.deployed?.hex == (try fixture.git.git("rev-parse", "HEAD")))
        #expect(try fixture.prefixDump("dev").isEmpty, "refused writes wrote nothing")

        let dryRun = try restore(fixture, "dev", dryRun: true)
        #expect(dryRun.writes.count == 6 && dryRun.recordRestored)
        #expect(try fixture.prefixDump("dev").isEmpty)
        let restored = try restore(fixture, "dev")
        #expect(restored.writes.map(\.item.path) == ["requirements.txt", "skills/agent_made.py", "skills/alpha.py", "skills/beta.py", "skills/gamma.py", "tools/jq.yaml"])
        var after = try contents(fixture, "dev")
        let keys = fixture.keys("dev")
        // Every item byte for byte; the record names the same deployed commit and items.
        #expect(after[keys.skills] == dev[keys.skills] && after[keys.tools] == dev[keys.tools] && after[keys.deps] == dev[keys.deps])
        for field in ["commit", "tree", "folder", "place"] { #expect(after[keys.syncRecord]?[field] == dev[keys.syncRecord]?[field], "\(field)") }
        #expect(after[keys.syncRecord]?.keys.filter { $0.hasPrefix("item:") }.sorted()
                == dev[keys.syncRecord]?.keys.filter { $0.hasPrefix("item:") }.sorted())
        #expect(try fixture.status("dev").loss == nil)
        #expect(try fixture.library().history(fixture.environment("dev"), limit: 1).first?.operation == "restore")

        _ = try restore(fixture, "staging")
        after = try contents(fixture, "staging")
        #expect(after[fixture.keys("staging").skills] == staging[fixture.keys("staging").skills])
        try expectPyCodeModeLayout(fixture, "dev")
        try fixture.git.git("fsck", "--strict")
    }

    @Test func anEvictedSkillsHashIsLostWhileToolsAndTheRecordStay() throws {
        let fixture = try deployedLibrary()
        let before = try contents(fixture, "dev")
        let keys = fixture.keys("dev")
        try fixture.connection().command("DEL", keys.skills)
        try expectLost(fixture, "dev", kinds: [.skill])
        // An agent saves a skill after the loss: it is kept, and the prefix is still lost.
        try fixture.agentSavesSkill("after_the_loss", returning: "5")
        #expect(try fixture.status("dev").loss?.kinds == [.skill])

        let restored = try restore(fixture, "dev")
        #expect(!restored.recordRestored && restored.writes.count == 4)
        let after = try contents(fixture, "dev")
        #expect(after[keys.syncRecord] == before[keys.syncRecord], "the surviving record is untouched")
        #expect(after[keys.tools] == before[keys.tools])
        var expected = before[keys.skills] ?? [:]
        expected["after_the_loss"] = try fixture.storedSkills("dev")["after_the_loss"]
        #expect(after[keys.skills] == expected)
        let status = try fixture.status("dev")
        #expect(status.loss == nil && status.items.map(\.item.path) == ["skills/after_the_loss.py", "skills/agent_made.py"])
    }

    @Test func restoreRefusesAPrefixThatLostNothing() throws {
        let fixture = try deployedLibrary()
        #expect(throws: SyncError(.failed, "nothing to restore: dev holds items of its last state in every key")) {
            _ = try self.restore(fixture, "dev")
        }
    }

    @Test func anEnvironmentPointedAtANewPlaceIsToldApartFromAWipe() throws {
        let fixture = try deployedLibrary()
        let old = try fixture.environment("dev").place
        let other = try RedisServer()
        try fixture.point("dev", at: other.url)
        let loss = try #require(try fixture.status("dev").loss)
        let new = try fixture.environment("dev").place
        #expect(loss.movedFrom == old && loss.place == new && new != old)
        #expect(loss.description.hasPrefix("dev now points at \(loss.place), which is empty; its last state"))
        _ = try restore(fixture, "dev")
        #expect(Set(try fixture.storedSkills("dev").keys) == ["agent_made", "alpha", "beta", "gamma"])
        let record = try #require(SyncRecord(entries: fixture.library().connect(fixture.environment("dev")).hashEntries(fixture.keys("dev").syncRecord)))
        #expect(record.place == loss.place, "the record names where it was written")
    }

    @Test func aForcedPushMakesALostPrefixHoldHEADAlone() throws {
        let fixture = try deployedLibrary()
        try fixture.connection().command("FLUSHALL")
        let result = try fixture.push("dev", force: true)
        #expect(result.recorded && result.writes.count == 5)
        #expect(Set(try fixture.storedSkills("dev").keys) == ["alpha", "beta", "gamma"])
        #expect(try fixture.status("dev").inSync)
    }

    /// py-code-mode reads every skill value back as the JSON it writes itself.
    private func expectPyCodeModeLayout(_ fixture: SyncFixture, _ environment: String) throws {
        let values = try fixture.storedSkills(environment).values.map { JSONValue.string(String(decoding: $0, as: UTF8.self)) }
        let script = #"""
        import json, sys
        for value in json.load(sys.stdin):
            entry = json.loads(value)
            assert list(entry) == ["name", "description", "source", "parameters"], list(entry)
            assert json.dumps(entry).encode() == value.encode(), value
        print("ok")
        """#
        let checked = try PythonScript.run(script, input: Array(PythonJSONEncoder().encode(.array(values)).utf8))
        #expect(String(decoding: checked, as: UTF8.self) == "ok\n")
    }
}
