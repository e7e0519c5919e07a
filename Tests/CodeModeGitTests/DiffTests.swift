import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Tree-to-tree and tree-to-work-tree diffs")
struct DiffTests {
    /// A repository with a library in `lib/`, a look-alike sibling `lib2/` and other files.
    private func makeRepository() throws -> (GitFixture, Repository, ObjectID) {
        let fixture = try GitFixture()
        try fixture.write("lib/skills/a.py", "a = 1\n")
        try fixture.write("lib/skills/b.py", "b = 1\n")
        try fixture.write("lib2/x.py", "x = 1\n")
        try fixture.write("other/c.txt", "c\n")
        try fixture.commitAll("base")
        let repository = try Repository.open(at: fixture.workTree)
        return (fixture, repository, try repository.tree(ofCommit: repository.resolve(revision: "HEAD")))
    }

    private func blob(_ fixture: GitFixture, _ revision: String) throws -> ObjectID? {
        ObjectID(hex: try fixture.git("rev-parse", revision))
    }

    @Test("a tree-to-tree diff limited to a folder matches git diff --name-status")
    func treeToTree() throws {
        let (fixture, repository, base) = try makeRepository()
        try fixture.write("lib/skills/a.py", "a = 2\n")
        try FileManager.default.removeItem(at: fixture.url("lib/skills/b.py"))
        try fixture.write("lib/tools/t.yaml", "name: t\n")
        try fixture.write("lib2/x.py", "x = 2\n")
        try fixture.write("other/c.txt", "c2\n")
        try fixture.commitAll("changes")
        let head = try repository.tree(ofCommit: repository.resolve(revision: "HEAD"))

        let changes = try repository.diff(from: base, to: head, under: "lib")
        #expect(changes == [
            FileChange(path: "skills/a.py", status: .modified,
                       oldID: try blob(fixture, "HEAD~1:lib/skills/a.py"), newID: try blob(fixture, "HEAD:lib/skills/a.py")),
            FileChange(path: "skills/b.py", status: .deleted, oldID: try blob(fixture, "HEAD~1:lib/skills/b.py"), newID: nil),
            FileChange(path: "tools/t.yaml", status: .added, oldID: nil, newID: try blob(fixture, "HEAD:lib/tools/t.yaml")),
        ])
        #expect(try fixture.git("diff", "--name-status", "HEAD~1", "HEAD", "--", "lib/")
                == "M\tlib/skills/a.py\nD\tlib/skills/b.py\nA\tlib/tools/t.yaml")
        #expect(try repository.diff(from: base, to: head).count == 5)
    }

    @Test("from the empty tree every file is added")
    func fromEmptyTree() throws {
        let (fixture, repository, base) = try makeRepository()
        defer { withExtendedLifetime(fixture) {} }
        let changes = try repository.diff(from: nil, to: base, under: "lib/skills/")
        #expect(changes.map(\.path) == ["a.py", "b.py"])
        #expect(changes.allSatisfy { $0.status == .added && $0.oldID == nil && $0.newID != nil })
        #expect(try repository.diff(from: base, to: nil, under: "lib").map(\.status) == [.deleted, .deleted])
    }

    @Test("folder names are literal paths, not glob patterns")
    func literalFolderNames() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let tree = try repository.writeTree(files: ["skills[1]/a.py": [1], "skills1/b.py": [2], "skills[1].py": [3]])
        #expect(try repository.diff(from: nil, to: tree, under: "skills[1]").map(\.path) == ["a.py"])
    }

    @Test("rename detection pairs a moved file, only when asked")
    func renames() throws {
        let (fixture, repository, base) = try makeRepository()
        try fixture.git("mv", "lib/skills/a.py", "lib/skills/renamed.py")
        try fixture.commitAll("rename")
        let head = try repository.tree(ofCommit: repository.resolve(revision: "HEAD"))

        #expect(try repository.diff(from: base, to: head, under: "lib").map(\.status) == [.deleted, .added])
        let renamed = try repository.diff(from: base, to: head, under: "lib", detectRenames: true)
        #expect(renamed.map { "\($0.status) \($0.oldPath) -> \($0.path)" } == ["renamed skills/a.py -> skills/renamed.py"])
        #expect(renamed.first?.oldID == renamed.first?.newID)
    }

    @Test("the work-tree diff shows unstaged edits and untracked files, not ignored ones")
    func treeToWorkTree() throws {
        let (fixture, repository, base) = try makeRepository()
        try fixture.write(".gitignore", "*.pyc\n")
        try fixture.write("lib/skills/a.py", "a = 2  # edited, not staged\n")
        try FileManager.default.removeItem(at: fixture.url("lib/skills/b.py"))
        try fixture.write("lib/skills/new.py", "new = 1\n")
        try fixture.write("lib/deep/er/nested.py", "n = 1\n")
        try fixture.write("lib/skills/cache.pyc", "ignored\n")
        try fixture.write("lib2/y.py", "outside\n")

        let changes = try repository.diffToWorkTree(from: base, under: "lib")
        #expect(changes.map { "\($0.status) \($0.path)" } == [
            "added deep/er/nested.py", "modified skills/a.py", "deleted skills/b.py", "added skills/new.py",
        ])
        let byPath = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0) })
        #expect(byPath["skills/new.py"]?.newID?.hex == (try fixture.git("hash-object", "lib/skills/new.py")))
        #expect(byPath["skills/a.py"]?.newID?.hex == (try fixture.git("hash-object", "lib/skills/a.py")))
        #expect(byPath["skills/a.py"]?.oldID == (try blob(fixture, "HEAD:lib/skills/a.py")))
        #expect(try fixture.git("status", "--porcelain", "--untracked-files=all", "--", "lib") == """
             M lib/skills/a.py
             D lib/skills/b.py
            ?? lib/deep/er/nested.py
            ?? lib/skills/new.py
            """)
    }

    @Test("a work-tree diff from no tree lists every file that is not ignored")
    func workTreeFromNothing() throws {
        let fixture = try GitFixture()
        try fixture.write(".gitignore", "artifacts/\n")
        try fixture.write("skills/a.py", "a\n")
        try fixture.write("artifacts/out.json", "{}\n")
        let repository = try Repository.open(at: fixture.workTree)
        #expect(try repository.diffToWorkTree(from: nil).map(\.path) == [".gitignore", "skills/a.py"])
    }
}
