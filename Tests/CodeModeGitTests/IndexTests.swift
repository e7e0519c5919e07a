import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("The index: staged content and staging")
struct IndexTests {
    @Test("staged content is what git add staged, not what the work tree holds now")
    func stagedDiffersFromWorkTree() throws {
        let fixture = try GitFixture()
        try fixture.write("lib/skills/a.py", "v0\n")
        try fixture.write("other.txt", "outside\n")
        try fixture.commitAll("base")
        let repository = try Repository.open(at: fixture.workTree)
        let v1 = Array("v1 staged\n".utf8), v2 = Array("v2 in the work tree\n".utf8)

        try fixture.write("lib/skills/a.py", String(decoding: v1, as: UTF8.self))
        try fixture.git("add", "lib/skills/a.py")
        try fixture.write("lib/skills/a.py", String(decoding: v2, as: UTF8.self))

        let staged = try repository.stagedFiles(under: "lib")
        #expect(staged == ["skills/a.py": ObjectID.blobID(for: v1)])
        #expect(try fixture.git("ls-files", "--stage", "lib/skills/a.py").contains(ObjectID.blobID(for: v1).hex))
        #expect(try repository.stagedContent(atPath: "lib/skills/a.py") == v1)
        #expect(try repository.stagedContent(atPath: "lib/skills/none.py") == nil)
        #expect(try repository.stagedFiles().keys.sorted() == ["lib/skills/a.py", "other.txt"])

        let head = try repository.tree(ofCommit: repository.resolve(revision: "HEAD"))
        #expect(try repository.diffToWorkTree(from: head, under: "lib").map(\.newID) == [ObjectID.blobID(for: v2)])
    }

    @Test("add(paths:) stages new, changed and deleted files and skips ignored ones, like git add --all")
    func addPaths() throws {
        let fixture = try GitFixture()
        try fixture.write(".gitignore", "*.log\n")
        try fixture.write("skills/keep.py", "keep\n")
        try fixture.write("skills/gone.py", "gone\n")
        try fixture.write("skills/change.py", "v1\n")
        try fixture.commitAll("base")
        let repository = try Repository.open(at: fixture.workTree)

        try FileManager.default.removeItem(at: fixture.url("skills/gone.py"))
        try fixture.write("skills/change.py", "v2\n")
        try fixture.write("skills/new/deep.py", "new\n")
        try fixture.write("skills/debug.log", "ignored\n")
        try fixture.write("elsewhere.txt", "not asked for\n")
        try repository.add(paths: ["skills/"])

        #expect(try fixture.git("status", "--porcelain", "--untracked-files=all") == """
            M  skills/change.py
            D  skills/gone.py
            A  skills/new/deep.py
            ?? elsewhere.txt
            """)
        #expect(try repository.stagedFiles(under: "skills").keys.sorted() == ["change.py", "keep.py", "new/deep.py"])

        try repository.add(paths: ["."])
        #expect(try fixture.git("status", "--porcelain", "--untracked-files=all") == """
            A  elsewhere.txt
            M  skills/change.py
            D  skills/gone.py
            A  skills/new/deep.py
            """)
    }
}
