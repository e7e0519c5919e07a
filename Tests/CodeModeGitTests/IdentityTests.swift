import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Who commits: configured, fallback and agent identities")
struct IdentityTests {
    /// Commits one file and returns `author|committer` as `git log` prints them.
    private func commitAndLog(_ fixture: GitFixture, author: Signature? = nil) throws -> String {
        let repository = try Repository.open(at: fixture.workTree)
        let tree = try repository.writeTree(files: ["skills/a.py": Array("x = 1\n".utf8)])
        try repository.commit(tree: tree, parents: [], message: "snapshot", updatingRef: "refs/codemode/dev", author: author)
        return try fixture.git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "refs/codemode/dev")
    }

    @Test("the repository-local user.name and user.email sign commits")
    func configuredIdentity() throws {
        let fixture = try GitFixture(identity: Signature(name: "Ada Lovelace", email: "ada@example.com"))
        #expect(try Repository.open(at: fixture.workTree).identity == Signature(name: "Ada Lovelace", email: "ada@example.com"))
        #expect(try commitAndLog(fixture) == "Ada Lovelace <ada@example.com>|Ada Lovelace <ada@example.com>")
    }

    @Test("with no identity configured anywhere, commits use the fallback identity")
    func fallbackIdentity() throws {
        let fixture = try GitFixture(identity: nil)
        // The git command, with the fixture's HOME and no system config, sees no identity either.
        #expect(try fixture.runGit(["config", "user.name"]).status == 1)
        #expect(try fixture.runGit(["config", "user.email"]).status == 1)

        #expect(try Repository.open(at: fixture.workTree).identity == Signature.fallback)
        #expect(try commitAndLog(fixture) == "CodeMode <codemode@localhost>|CodeMode <codemode@localhost>")
        #expect(try fixture.runGit(["fsck", "--full", "--strict"]).status == 0)
    }

    @Test("a name without an email keeps the name and falls back for the email only")
    func partialIdentity() throws {
        let fixture = try GitFixture(identity: nil)
        try fixture.git("config", "user.name", "Grace Hopper")
        #expect(try commitAndLog(fixture) == "Grace Hopper <codemode@localhost>|Grace Hopper <codemode@localhost>")
    }

    @Test("an agent override sets the author; the repository identity stays the committer")
    func agentOverride() throws {
        let fixture = try GitFixture()
        let agent = Signature(name: "agent-7", email: "agent-7@agents.example")
        #expect(try commitAndLog(fixture, author: agent) == "agent-7 <agent-7@agents.example>|Test Author <author@example.com>")
    }
}
