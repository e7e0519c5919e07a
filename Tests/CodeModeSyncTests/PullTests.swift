import CodeModeCore
import CodeModeStorage
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

@Suite("pull")
final class PullTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    func pushedLibrary() throws -> SyncFixture {
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("alpha")
        try fixture.write("other.txt", "not a library file\n")
        try fixture.commit("library")
        _ = try fixture.push("dev")
        return fixture
    }

    func pull(_ fixture: SyncFixture, branch: String? = nil, commit: Bool = true) throws -> PullResult {
        let library = try fixture.library()
        return try library.pull(fixture.environment("dev"), branch: branch, commit: commit)
    }

    @Test func fastForwardBringsAnAgentsSkill() throws {
        let fixture = try pushedLibrary()
        try fixture.agentSavesSkill("agent_made", description: "Doubles.")
        let result = try pull(fixture)
        #expect(result.outcome == .fastForward && result.branch == "main")
        #expect(result.items.map(\.item.path) == ["skills/agent_made.py"])
        // The description py-code-mode kept only in Redis is now the file's docstring.
        #expect(try fixture.read("skills/agent_made.py").hasPrefix("\"\"\"Doubles.\"\"\""))
        #expect(try fixture.git.git("status", "--porcelain").isEmpty)
        #expect(try fixture.read("other.txt") == "not a library file\n")
        #expect(try fixture.states("dev").isEmpty)
    }

    /// Tools and requirements.txt travel like skills: from the prefix as files that read back
    /// as the same mapping and set, and back as field deletions and set members.
    @Test func toolsAndRequirementsTravelBothWays() throws {
        let fixture = try pushedLibrary()
        let tool = #"{"name": "jq", "description": "Query JSON.", "command": "jq", "timeout": 30, "tags": ["json", "yes"], "recipes": {"run": {"description": "Run a filter.", "params": {"filter": {"type": "string", "required": true}}}}}"#
        let connection = try fixture.connection()
        try connection.command("HSET", fixture.keys("dev").tools, "jq", tool)
        try connection.command("SADD", fixture.keys("dev").deps, "requests>=2.31", "numpy==1.26.4")
        #expect(try fixture.states("dev") == ["tools/jq.yaml": "changed-there", "requirements.txt": "changed-there"])
        #expect(try pull(fixture).outcome == .fastForward)
        let yaml = try fixture.read("tools/jq.yaml")
        #expect(try YAMLDocument.load(yaml) == JSONParser.parse(tool), "\(yaml)")
        #expect(yaml.contains("- \"yes\""), "a string YAML would read as a boolean is quoted")
        #expect(try fixture.read("requirements.txt") == "numpy==1.26.4\nrequests>=2.31\n")
        #expect(try fixture.states("dev").isEmpty)

        try fixture.remove("tools/jq.yaml")
        try fixture.write("requirements.txt", "requests>=2.31\n")
        try fixture.commit("drop jq and numpy")
        let result = try fixture.push("dev")
        #expect(result.writes.map { "\($0.change.rawValue) \($0.item.path)" } == ["modified requirements.txt", "deleted tools/jq.yaml"])
        #expect(try connection.command("HEXISTS", fixture.keys("dev").tools, "jq") == .integer(0))
        #expect(try connection.command("SMEMBERS", fixture.keys("dev").deps) == .array([.string(Array("requests>=2.31".utf8))]))
    }

    @Test func divergedHistoriesMakeAMergeCommit() throws {
        let fixture = try pushedLibrary()
        try fixture.writeSkill("local")
        try fixture.commit("local work")
        try fixture.agentSavesSkill("agent_made")
        let result = try pull(fixture)
        #expect(result.outcome == .merged)
        let parents = try fixture.git.git("log", "-1", "--format=%P").split(separator: " ")
        let snapshot = try fixture.trackingRef("dev")
        #expect(parents.count == 2 && String(parents[1]) == snapshot)
        #expect(FileManager.default.fileExists(atPath: fixture.git.url("skills/agent_made.py").path))
        #expect(FileManager.default.fileExists(atPath: fixture.git.url("skills/local.py").path))
        #expect(try fixture.git.git("status", "--porcelain").isEmpty)
        #expect(try fixture.states("dev") == ["skills/local.py": "changed-here"])
    }

    @Test func conflictsLeaveGitsMarkersAndIndexEntries() throws {
        let fixture = try pushedLibrary()
        try fixture.writeSkill("alpha", returning: "\"here\"")
        try fixture.commit("here")
        try fixture.agentSavesSkill("alpha", returning: "\"there\"")
        let result = try pull(fixture)
        #expect(result.outcome == .conflicts && result.conflicts == ["skills/alpha.py"])
        let text = try fixture.read("skills/alpha.py")
        #expect(text.contains("<<<<<<< ") && text.contains("\"here\"") && text.contains("=======") && text.contains("\"there\"") && text.contains(">>>>>>> "))
        #expect(try fixture.git.git("status", "--porcelain").contains("UU skills/alpha.py"))
        #expect(try fixture.git.git("ls-files", "-u").split(separator: "\n").count == 3)
        // Resolving and committing finishes it as a merge, as with git.
        try fixture.writeSkill("alpha", returning: "\"both\"")
        try fixture.git.git("add", "skills/alpha.py")
        try fixture.git.git("commit", "--quiet", "--no-edit")
        #expect(try fixture.git.git("log", "-1", "--format=%P").split(separator: " ").count == 2)
        #expect(try fixture.states("dev") == ["skills/alpha.py": "changed-here"])
    }

    @Test func uncommittedEditsInTheWayAreRefusedByName() throws {
        let fixture = try pushedLibrary()
        try fixture.agentSavesSkill("alpha", returning: "5")
        try fixture.writeSkill("alpha", returning: "\"my edit\"")
        let head = try fixture.git.git("rev-parse", "HEAD")
        #expect {
            _ = try self.pull(fixture)
        } throws: { error in
            (error as? SyncError)?.kind == .refused && (error as? SyncError)?.message.contains("skills/alpha.py") == true
        }
        #expect(try fixture.read("skills/alpha.py").contains("my edit"))
        #expect(try fixture.git.git("rev-parse", "HEAD") == head)
    }

    @Test func reviewBranchLeavesTheWorkTreeAlone() throws {
        let fixture = try pushedLibrary()
        try fixture.writeSkill("alpha", returning: "\"uncommitted\"")
        try fixture.agentSavesSkill("agent_made")
        let head = try fixture.git.git("rev-parse", "HEAD")
        let statusBefore = try fixture.git.git("status", "--porcelain")
        let result = try pull(fixture, branch: "review/agent-skills")
        #expect(result.branch == "review/agent-skills" && result.outcome == .fastForward)
        #expect(try fixture.git.git("rev-parse", "HEAD") == head)
        #expect(try fixture.git.git("status", "--porcelain") == statusBefore)
        #expect(try fixture.git.git("symbolic-ref", "--short", "HEAD") == "main")
        #expect(try fixture.git.git("ls-tree", "--name-only", "review/agent-skills", "skills/").contains("skills/agent_made.py"))
        #expect(!FileManager.default.fileExists(atPath: fixture.git.url("skills/agent_made.py").path))

        // A branch that moved on gets a merge commit, still without touching the work tree.
        try fixture.git.git("branch", "-f", "review/other", head)
        try fixture.git.git("stash", "--quiet")
        try fixture.git.git("checkout", "--quiet", "review/other")
        try fixture.writeSkill("reviewer_note")
        try fixture.commit("reviewer")
        try fixture.git.git("checkout", "--quiet", "main")
        let merged = try pull(fixture, branch: "review/other")
        #expect(merged.outcome == .merged)
        #expect(try fixture.git.git("log", "-1", "--format=%P", "review/other").split(separator: " ").count == 2)
        #expect(try fixture.git.git("status", "--porcelain").isEmpty)
        try fixture.git.git("fsck", "--strict")
    }
}
