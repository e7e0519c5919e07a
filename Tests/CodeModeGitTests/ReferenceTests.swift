import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("References, reflogs and merge bases")
struct ReferenceTests {
    @Test("setReference creates and moves a ref and keeps its reflog outside refs/heads")
    func setReferenceWithReflog() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        let first = try fixture.commitAll("first")
        try fixture.write("a.txt", "two\n")
        let second = try fixture.commitAll("second")
        let repository = try Repository.open(at: fixture.workTree)
        let one = try #require(ObjectID(hex: first)), two = try #require(ObjectID(hex: second))

        #expect(try repository.reference(named: "refs/codemode/x") == nil)
        try repository.setReference("refs/codemode/x", to: one, reflogMessage: "codemode fetch x: first state")
        #expect(try repository.reference(named: "refs/codemode/x") == one)
        try repository.setReference("refs/codemode/x", to: two, reflogMessage: "codemode fetch x: second state")
        try repository.setReference("refs/codemode/x", to: one, reflogMessage: "codemode rollback x")

        #expect(try repository.reference(named: "refs/codemode/x") == one)
        #expect(try fixture.git("rev-parse", "refs/codemode/x") == first)
        #expect(try fixture.git("reflog", "show", "--format=%H %gs", "refs/codemode/x") == """
            \(first) codemode rollback x
            \(second) codemode fetch x: second state
            \(first) codemode fetch x: first state
            """)
    }

    @Test("deleteReference removes the ref and its reflog, and is quiet when it is gone")
    func deleteReference() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        let id = try #require(ObjectID(hex: fixture.commitAll("first")))
        let repository = try Repository.open(at: fixture.workTree)
        try repository.setReference("refs/codemode/gone", to: id, reflogMessage: "made")

        try repository.deleteReference("refs/codemode/gone")
        #expect(try repository.reference(named: "refs/codemode/gone") == nil)
        #expect(try fixture.runGit(["rev-parse", "--verify", "--quiet", "refs/codemode/gone"]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".git/logs/refs/codemode/gone").path))
        try repository.deleteReference("refs/codemode/gone")
    }

    @Test("reference(named:) follows HEAD and is nil on an unborn branch")
    func referenceFollowsHead() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        #expect(try repository.reference(named: "HEAD") == nil)
        try fixture.write("a.txt", "one\n")
        let first = try fixture.commitAll("first")
        #expect(try repository.reference(named: "HEAD")?.hex == first)
        #expect(try repository.reference(named: "refs/heads/main")?.hex == first)
    }

    @Test("the merge base of two branches is git merge-base's answer")
    func mergeBaseOfBranches() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        let base = try fixture.commitAll("base")
        try fixture.git("checkout", "--quiet", "-b", "feature")
        try fixture.write("b.txt", "feature\n")
        let feature = try fixture.commitAll("feature work")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("c.txt", "main\n")
        let main = try fixture.commitAll("main work")
        let repository = try Repository.open(at: fixture.workTree)

        let found = try repository.mergeBase(#require(ObjectID(hex: main)), #require(ObjectID(hex: feature)))
        #expect(found?.hex == base)
        #expect(try fixture.git("merge-base", "main", "feature") == base)
    }

    @Test("unrelated histories have no merge base")
    func unrelatedHistories() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        let main = try fixture.commitAll("main")
        try fixture.git("checkout", "--quiet", "--orphan", "snapshot")
        try fixture.write("b.txt", "other\n")
        let orphan = try fixture.commitAll("unrelated")
        let repository = try Repository.open(at: fixture.workTree)

        #expect(try repository.mergeBase(#require(ObjectID(hex: main)), #require(ObjectID(hex: orphan))) == nil)
    }
}
