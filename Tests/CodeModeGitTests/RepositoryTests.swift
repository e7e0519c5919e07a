import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Opening, creating and discovering repositories")
struct RepositoryTests {
    @Test("init creates a repository on an unborn branch", arguments: ["main", "trunk"])
    func initCreatesUnbornBranch(branch: String) throws {
        let fixture = try GitFixture(initialize: false)
        let folder = fixture.root.appendingPathComponent("new/library")
        let repository = try Repository(creatingAt: folder, initialBranch: branch)

        #expect(try repository.head == .unborn(branch: branch))
        #expect(try repository.headCommit == nil)
        #expect(try repository.branches.isEmpty)
        #expect(repository.workTree.map(canonical) == canonical(folder))
        #expect(canonical(repository.gitDirectory) == canonical(folder.appendingPathComponent(".git")))
        #expect(try fixture.git("symbolic-ref", "HEAD", in: folder) == "refs/heads/\(branch)")
        #expect(try fixture.git("rev-parse", "--show-toplevel", in: folder) == canonical(folder))
    }

    @Test("open accepts the work tree but does not walk up from a sub-folder")
    func openDoesNotWalkUp() throws {
        let fixture = try GitFixture()
        try fixture.write("skills/a.py", "x = 1\n")

        let repository = try Repository.open(at: fixture.workTree)
        #expect(repository.workTree.map(canonical) == canonical(fixture.workTree))
        let error = try #require(throws: GitError.self) { try Repository.open(at: fixture.url("skills")) }
        #expect(error.code == .notFound)
        #expect(error.operation == "git_repository_open")
    }

    @Test("discover walks up from a library folder inside a bigger repository")
    func discoverFromNestedFolder() throws {
        let fixture = try GitFixture()
        try fixture.write("README.md", "the bigger project\n")
        try fixture.write("libs/codemode/skills/fetch.py", "async def run(): pass\n")
        try fixture.commitAll("project with a skill library")

        let repository = try Repository.discover(from: fixture.url("libs/codemode/skills"))
        #expect(repository.workTree.map(canonical) == canonical(fixture.workTree))
        #expect(try repository.headCommit?.hex == fixture.git("rev-parse", "HEAD"))
    }

    @Test("discover outside any repository throws notFound")
    func discoverOutsideRepository() throws {
        let fixture = try GitFixture(initialize: false)
        let error = try #require(throws: GitError.self) { try Repository.discover(from: fixture.home) }
        #expect(error.code == .notFound)
    }

    @Test("head follows branches, commits and detached checkouts")
    func headStates() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        let first = try fixture.commitAll("first")
        try fixture.git("branch", "feature")
        let repository = try Repository.open(at: fixture.workTree)

        #expect(try repository.head == .branch("main"))
        #expect(try repository.headCommit?.hex == first)
        #expect(try repository.branches == ["feature", "main"])

        try fixture.git("checkout", "--quiet", "--detach")
        let id = try #require(ObjectID(hex: first))
        #expect(try repository.head == .detached(id))
    }
}

/// A path with symbolic links resolved, so `/tmp` and its real location compare equal.
func canonical(_ url: URL) -> String {
    url.resolvingSymlinksInPath().standardizedFileURL.path
}
