import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Writing and reading trees and commits")
struct TreeTests {
    static let library: [String: [UInt8]] = [
        "skills/fetch.py": Array("async def run(url: str) -> str:\n    return url\n".utf8),
        "skills/reports/weekly.py": Array("async def run() -> None:\n    pass\n".utf8),
        "tools/curl.yaml": Array("name: curl\n".utf8),
        "requirements.txt": Array("requests>=2\n".utf8),
    ]

    @Test("a written tree and commit pass git fsck and show in git log")
    func writeTreeAndCommit() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)

        let tree = try repository.writeTree(files: Self.library)
        let commit = try repository.commit(tree: tree, parents: [], message: "Snapshot of prod",
                                           updatingRef: "refs/codemode/prod")

        #expect(try fixture.runGit(["fsck", "--full", "--strict", "--no-dangling"]).status == 0)
        #expect(try fixture.git("rev-parse", "refs/codemode/prod") == commit.hex)
        #expect(try fixture.git("log", "--format=%s|%an <%ae>|%cn <%ce>|%P", "refs/codemode/prod")
                == "Snapshot of prod|Test Author <author@example.com>|Test Author <author@example.com>|")
        #expect(try fixture.git("cat-file", "-p", commit.hex).hasSuffix("\n\nSnapshot of prod"))
        #expect(try fixture.git("ls-tree", "-r", "--name-only", tree.hex)
                == Self.library.keys.sorted().joined(separator: "\n"))
        for (path, content) in Self.library {
            #expect(try repository.read(path: path, atRevision: "refs/codemode/prod") == content)
        }
    }

    @Test("files(inTree:) lists blobs as git ls-tree does, relative to a folder when given")
    func filesInTree() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let tree = try repository.writeTree(files: Self.library, under: "libs/codemode")

        let all = try repository.files(inTree: tree)
        let listed = try fixture.git("ls-tree", "-r", tree.hex).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t")
            return (String(fields[1]), String(fields[0].split(separator: " ")[2]))
        }
        #expect(all.mapValues(\.hex) == Dictionary(uniqueKeysWithValues: listed))

        let library = try repository.files(inTree: tree, under: "libs/codemode/")
        #expect(library == Self.library.mapValues { ObjectID.blobID(for: $0) })
        #expect(try repository.files(inTree: tree, under: "libs/codemode/skills").keys.sorted()
                == ["fetch.py", "reports/weekly.py"])
        #expect(try repository.files(inTree: tree, under: "libs/missing").isEmpty)
    }

    @Test("writeTree with a base and a folder replaces only that folder")
    func replaceOneFolder() throws {
        let fixture = try GitFixture()
        try fixture.write("README.md", "project\n")
        try fixture.write("src/main.c", "int main(void) { return 0; }\n")
        try fixture.write("libs/codemode/skills/old.py", "old\n")
        try fixture.write("libs/codemode/tools/t.yaml", "name: t\n")
        try fixture.write("libs/codemode2/keep.txt", "a sibling whose name starts the same\n")
        try fixture.write("libs/other/x.txt", "x\n")
        try fixture.git("add", "--all")
        try fixture.git("update-index", "--chmod=+x", "src/main.c")
        try fixture.git("commit", "--quiet", "-m", "base")
        let repository = try Repository.open(at: fixture.workTree)
        let base = try repository.tree(ofCommit: repository.resolve(revision: "HEAD"))

        let new = Array("async def run(): return 1\n".utf8)
        let tree = try repository.writeTree(files: ["skills/new.py": new], base: base, under: "libs/codemode")

        let before = try fixture.git("ls-tree", "-r", base.hex).split(separator: "\n")
        let after = try fixture.git("ls-tree", "-r", tree.hex).split(separator: "\n")
        let outside = before.filter { !$0.contains("\tlibs/codemode/") }
        #expect(after.filter { !$0.contains("\tlibs/codemode/") } == outside)
        #expect(after.filter { $0.contains("\tlibs/codemode/") }
                == ["100644 blob \(ObjectID.blobID(for: new).hex)\tlibs/codemode/skills/new.py"])
        #expect(outside.contains { $0.hasPrefix("100755 ") && $0.hasSuffix("\tsrc/main.c") })
    }

    @Test("an empty folder disappears, and a folder without base starts from an empty tree")
    func emptyAndBaselessFolders() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let base = try repository.writeTree(files: ["a/lib/x.py": [1], "b.txt": [2]])

        let removed = try repository.writeTree(files: [:], base: base, under: "a/lib")
        #expect(try fixture.git("ls-tree", "-r", "--name-only", removed.hex) == "b.txt")

        let nested = try repository.writeTree(files: ["x.py": [1]], under: "a/lib")
        #expect(try fixture.git("ls-tree", "-r", "--name-only", nested.hex) == "a/lib/x.py")

        let empty = try repository.writeTree(files: [:])
        #expect(empty.hex == (try fixture.git("hash-object", "-t", "tree", "/dev/null")))
    }

    @Test("paths git cannot store are refused", arguments: ["../escape.py", "a//b.py", ".git/config", "", "/abs.py", "a/./b"])
    func invalidPaths(path: String) throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let error = try #require(throws: GitError.self) { try repository.writeTree(files: [path: [1]]) }
        #expect(error.code == .invalid)
        #expect(error.message?.contains("'\(path)'") == true)
    }

    /// libgit2 writes a tree entry of 70,000 bytes, but the tree comes out corrupt (the next
    /// entry is swallowed) and no file system could check it out.
    @Test("a path part longer than a file name is refused, in one short message")
    func overlongNames() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let blob = try repository.writeBlob([1])
        for path in ["skills/\(String(repeating: "d", count: 70_000)).py", "\(String(repeating: "d", count: 256))/x"] {
            let error = try #require(throws: GitError.self) { try repository.updateTree(nil, upserting: [path: blob]) }
            #expect(error.code == .invalid && (error.message?.count ?? .max) < 200)
        }
        _ = try repository.updateTree(nil, upserting: ["skills/\(String(repeating: "d", count: 252)).py": blob])
    }

    @Test("a name cannot be a file and a folder at once")
    func fileFolderClash() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let error = try #require(throws: GitError.self) {
            try repository.writeTree(files: ["skills": [1], "skills/a.py": [2]])
        }
        #expect(error.code == .invalid)
    }

    @Test("commits on HEAD build history, and a stale parent is refused")
    func commitOnHead() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let first = try repository.commit(tree: repository.writeTree(files: ["a.txt": [1]]), parents: [],
                                          message: "first\n\n\n", updatingRef: "HEAD")
        let second = try repository.commit(tree: repository.writeTree(files: ["a.txt": [2]]), parents: [first],
                                           message: "second  ", updatingRef: "HEAD")

        #expect(try repository.head == .branch("main"))
        #expect(try fixture.git("log", "--format=%H %s", "main") == "\(second.hex) second\n\(first.hex) first")
        #expect(try fixture.git("reflog", "show", "--format=%gs", "main") == "commit: second\ncommit (initial): first")

        let error = try #require(throws: GitError.self) {
            try repository.commit(tree: repository.writeTree(files: ["a.txt": [3]]), parents: [first],
                                  message: "stale", updatingRef: "HEAD")
        }
        #expect(error.code == .modified)
        #expect(try repository.headCommit == second)
    }
}
