import CodeModeCore
import CodeModeGit
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

/// A push from behind (DESIGN.md §2, "What push never does"): a clone that lacks the deployed
/// commit, or a commit that does not contain it, never overwrites what it deployed.
@Suite("push from behind")
final class NonFastForwardTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    /// A library pushed to dev, and two teammates' clones of it.
    func teamLibrary() throws -> (origin: SyncFixture, first: SyncFixture, second: SyncFixture) {
        let origin = try SyncFixture(server: server)
        for name in ["word_count", "greet"] { try origin.writeSkill(name) }
        try origin.commit("library")
        _ = try origin.push("dev")
        return (origin, try origin.clone(), try origin.clone(as: Signature(name: "Second", email: "second@example.com")))
    }

    @Test func aCloneThatLacksTheDeployedCommitIsRefusedThenPullsAndPushes() throws {
        let (_, first, second) = try teamLibrary()
        try second.writeSkill("word_count", returning: "\"second's edit\"")
        let deployed = try second.commit("second edits word_count")
        _ = try second.push("dev")
        try first.writeSkill("extra")
        try first.commit("first adds a skill")

        // Status says what is wrong instead of a phantom "changed here" for word_count.
        let status = try first.status("dev")
        #expect(status.behind?.deployed.hex == deployed && status.behind?.reason == .missing)
        #expect(status.items.isEmpty && !status.inSync)

        let before = try first.prefixDump("dev")
        let refusal = try first.pushRefusal("dev")
        guard case .nonFastForward(let behind) = refusal else { Issue.record("expected a non-fast-forward, got \(String(describing: refusal))"); return }
        #expect(behind.deployed.hex == deployed && behind.reason == .missing && behind.environment == "dev")
        #expect(behind.deployedBy == "Second <second@example.com>")
        #expect(behind.commit.hex == (try first.git.git("rev-parse", "HEAD")))
        #expect(try first.prefixDump("dev") == before, "nothing was written")

        // `codemode pull dev` merges what dev holds (cleanly: the snapshot starts from the
        // commit deployed before), and the push then goes through, keeping the edit.
        let pulled = try first.pull("dev")
        #expect(pulled.outcome == .merged && pulled.items.map(\.item.path) == ["skills/word_count.py"])
        let pushed = try first.push("dev")
        #expect(pushed.writes.map(\.item.path) == ["skills/extra.py"])
        let stored = try first.storedSkills("dev")
        #expect(String(decoding: stored["word_count"] ?? [], as: UTF8.self).contains("second's edit"))
        #expect(stored["extra"] != nil)
        try first.git.git("fsck", "--strict")
    }

    @Test func gitPullIsTheOtherWayOut() throws {
        let (_, first, second) = try teamLibrary()
        try second.writeSkill("word_count", returning: "2")
        try second.commit("edit")
        _ = try second.push("dev")
        try first.writeSkill("greet", returning: "3")
        try first.commit("first edits greet")
        #expect(try first.pushRefusal("dev") != nil)
        try first.gitPull(from: second)
        let pushed = try first.push("dev")
        #expect(pushed.writes.map(\.item.path) == ["skills/greet.py"] && pushed.baseSource == "deployed")
    }

    @Test func aBranchThatDoesNotContainTheDeploymentIsRefusedWithItsMergeBase() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("alpha")
        try fixture.writeSkill("beta")
        let start = try fixture.commit("library")
        _ = try fixture.push("dev")
        try fixture.writeSkill("alpha", returning: "10")
        let deployed = try fixture.commit("alpha on main")
        _ = try fixture.push("dev")
        try fixture.git.git("checkout", "--quiet", "-b", "feature", start)
        try fixture.writeSkill("beta", returning: "20")
        try fixture.commit("beta on feature")

        guard case .nonFastForward(let behind) = try fixture.pushRefusal("dev") else { Issue.record("expected a refusal"); return }
        #expect(behind.reason == .diverged && behind.deployed.hex == deployed && behind.mergeBase?.hex == start)
        // Status compares from the merge base: main's edit is "changed there", not reverted here.
        let status = try fixture.status("dev")
        #expect(status.behind?.reason == .diverged && status.baseSource == "merge-base")
        #expect(Dictionary(uniqueKeysWithValues: status.items.map { ($0.item.path, $0.state) })
                == ["skills/alpha.py": .changedThere, "skills/beta.py": .changedHere])

        try fixture.git.git("merge", "--quiet", "--no-edit", "main")
        #expect(try fixture.push("dev").writes.map(\.item.path) == ["skills/beta.py"])
    }

    @Test func anOlderCommitIsRefusedUnlessForced() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("alpha")
        let old = try fixture.commit("one")
        _ = try fixture.push("dev")
        try fixture.writeSkill("alpha", returning: "2")
        try fixture.commit("two")
        _ = try fixture.push("dev")
        try fixture.git.git("checkout", "--quiet", old)
        guard case .nonFastForward(let behind) = try fixture.pushRefusal("dev") else { Issue.record("expected a refusal"); return }
        #expect(behind.reason == .diverged && behind.mergeBase?.hex == old)
        let forced = try fixture.push("dev", force: true)
        #expect(forced.writes.map(\.item.path) == ["skills/alpha.py"] && forced.recorded)
    }

    @Test func aCommitWithTheDeployedItemsButAnotherHistoryGoesThrough() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("alpha")
        let start = try fixture.commit("one")
        try fixture.writeSkill("beta")
        try fixture.commit("two")
        _ = try fixture.push("dev")
        // The same content on a branch of its own (a rebase, a cherry-pick): nothing reverts.
        try fixture.git.git("checkout", "--quiet", "-b", "again", start)
        try fixture.writeSkill("beta")
        let again = try fixture.commit("two, again")
        let result = try fixture.push("dev")
        #expect(result.writes.isEmpty && result.recorded && result.baseSource == "sync-record")
        #expect(try fixture.library().connect(fixture.environment("dev")).connection.command("HGET", fixture.keys("dev").syncRecord, "commit")
                == .string(Array(again.utf8)))
    }

    @Test func promotionOverAHotFixIsRefused() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("alpha")
        let first = try fixture.commit("one")
        _ = try fixture.push("dev")
        let library = try fixture.library()
        var request = PushRequest(kind: .promote(from: "dev"), commit: try library.commit(first))
        _ = try library.push(fixture.environment("staging"), request)
        // A hot fix pushed straight to staging from a branch dev never saw.
        try fixture.git.git("checkout", "--quiet", "-b", "hotfix")
        try fixture.writeSkill("alpha", returning: "99")
        let hotfix = try fixture.commit("hot fix")
        _ = try fixture.push("staging")
        try fixture.git.git("checkout", "--quiet", "main")
        try fixture.writeSkill("beta")
        let second = try fixture.commit("two")
        _ = try fixture.push("dev")
        request.commit = try library.commit(second)
        #expect {
            _ = try fixture.library().push(fixture.environment("staging"), request)
        } throws: { error in
            guard case .nonFastForward(let behind) = (error as? SyncError)?.refusal else { return false }
            return behind.deployed.hex == hotfix && behind.reason == .diverged
        }
    }
}
