import CodeModeCore
import CodeModeStorage
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

/// Every row of DESIGN.md §2's three-way table, for skills, tools and requirements.txt,
/// through real pushes, agent writes and fetches.
@Suite("Three-way states")
final class ThreeWayStateTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    /// A library pushed to dev, so the base is the pushed commit.
    func pushedLibrary(folder: String = "") throws -> SyncFixture {
        let fixture = try SyncFixture(server: server, folder: folder)
        for name in ["keep", "edit_here", "edit_there", "drop_here", "drop_there", "both_same", "both_differ", "drop_both", "edit_drop"] {
            try fixture.writeSkill(name)
        }
        try fixture.write("tools/jq.yaml", "# a comment\nname: jq\ndescription: Query JSON.\ncommand: jq\ntimeout: 30\n" + SyncFixture.recipes)
        try fixture.write("requirements.txt", "# pinned\nrequests>=2.31\n")
        try fixture.commit("library")
        _ = try fixture.push("dev")
        return fixture
    }

    @Test func everyStateForSkills() throws {
        let fixture = try pushedLibrary()
        #expect(try fixture.states("dev").isEmpty, "a fresh push is in sync")
        try fixture.writeSkill("edit_here", returning: "10")
        try fixture.writeSkill("new_here")
        try fixture.remove("skills/drop_here.py")
        try fixture.writeSkill("both_same", returning: "7")
        try fixture.writeSkill("both_differ", returning: "8")
        try fixture.remove("skills/drop_both.py")
        try fixture.writeSkill("edit_drop", returning: "9")
        try fixture.commit("here")
        try fixture.agentSavesSkill("edit_there", returning: "20")
        try fixture.agentSavesSkill("new_there")
        try fixture.agentDeletesSkill("drop_there")
        // The same content as here: the agent writes what the file holds.
        try fixture.connection().command([Array("HSET".utf8), Array(fixture.keys("dev").skills.utf8), Array("both_same".utf8),
                                          SkillWireFormatFixture.value(of: fixture.read("skills/both_same.py"), name: "both_same")])
        try fixture.agentSavesSkill("both_differ", returning: "80")
        try fixture.agentDeletesSkill("drop_both")
        try fixture.agentDeletesSkill("edit_drop")

        let status = try fixture.status("dev")
        let byPath = Dictionary(uniqueKeysWithValues: status.items.map { ($0.item.path, $0) })
        func expectState(_ name: String, _ state: ItemState, here: ItemChange?, there: ItemChange?) {
            let item = byPath["skills/\(name).py"]
            #expect(item?.state == state, "\(name)")
            #expect(item?.here == here && item?.there == there, "\(name)")
        }
        #expect(byPath["skills/keep.py"] == nil, "unchanged items are left out")
        expectState("edit_here", .changedHere, here: .modified, there: nil)
        expectState("new_here", .changedHere, here: .added, there: nil)
        expectState("drop_here", .changedHere, here: .deleted, there: nil)
        expectState("edit_there", .changedThere, here: nil, there: .modified)
        expectState("new_there", .changedThere, here: nil, there: .added)
        expectState("drop_there", .changedThere, here: nil, there: .deleted)
        expectState("both_same", .sameChange, here: .modified, there: .modified)
        expectState("drop_both", .sameChange, here: .deleted, there: .deleted)
        expectState("both_differ", .conflict, here: .modified, there: .modified)
        expectState("edit_drop", .conflict, here: .modified, there: .deleted)
        #expect(status.baseSource == "merge-base")
    }

    @Test func toolsAndRequirementsByContentNotFormatting() throws {
        let fixture = try pushedLibrary()
        // Reformatted, reordered, comments changed: the same content, so no change at all.
        try fixture.write("tools/jq.yaml", SyncFixture.recipes + "timeout: 30\ncommand: jq\n# another comment\ndescription: 'Query JSON.'\nname: jq\n")
        try fixture.write("requirements.txt", "requests>=2.31   # still pinned\n\n")
        try fixture.commit("formatting")
        #expect(try fixture.states("dev").isEmpty)
        // The snapshot reuses this repository's bytes, so the git trees agree too.
        let snapshot = try #require(try fixture.trackingRef("dev"))
        #expect(try fixture.git.git("show", "\(snapshot):tools/jq.yaml").contains("# a comment"))

        // A real change on each side.
        try fixture.write("tools/jq.yaml", "name: jq\ndescription: Query JSON.\ncommand: jq\ntimeout: 60\n" + SyncFixture.recipes)
        try fixture.commit("timeout")
        try fixture.connection().command("SADD", fixture.keys("dev").deps, "numpy>=1.26")
        #expect(try fixture.states("dev") == ["tools/jq.yaml": "changed-here", "requirements.txt": "changed-there"])
    }

    @Test func driftWhenTheRepositoryHasNoBaseCommit() throws {
        let pushed = try pushedLibrary()
        try pushed.agentSavesSkill("edit_there", returning: "20")
        // Another clone with the same files but none of the history: only the sync record
        // can tell what changed in the prefix since the last push.
        let other = try SyncFixture(server: server)
        for path in try pushed.git.git("ls-files").split(separator: "\n").map(String.init) {
            try other.git.write(path, try pushed.read(path))
        }
        try other.commit("unrelated history")
        let status = try other.status("dev")
        #expect(status.baseSource == "sync-record")
        #expect(status.items.first { $0.item.path == "skills/edit_there.py" }?.state == .drift)
    }
}

/// Skill values as the prefix stores them, for tests that write as an agent would.
enum SkillWireFormatFixture {
    static func value(of source: String, name: String) throws -> [UInt8] {
        SkillWireFormat.encode(try Skill(name: SkillName(validating: name), source: source))
    }
}
