import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Blobs, ids, revisions and errors")
struct ObjectTests {
    static let contents: [[UInt8]] = [
        [],
        Array("hello\n".utf8),
        Array("\"\"\"Skill.\"\"\"\n\nasync def run(x: int) -> int:\n    return x * 2\n".utf8),
        Array("naïve — ünïcode\r\nwith CRLF\r\n".utf8),
        [0, 1, 2, 255, 0, 10, 13, 0],
    ]

    @Test("blob ids equal git hash-object, with or without a repository", arguments: contents)
    func blobIDsMatchGit(content: [UInt8]) throws {
        let fixture = try GitFixture()
        let file = fixture.url("blob.bin")
        try Data(content).write(to: file)
        let expected = try fixture.git("hash-object", file.path)

        #expect(ObjectID.blobID(for: content).hex == expected)
        let repository = try Repository.open(at: fixture.workTree)
        let written = try repository.writeBlob(content)
        #expect(written.hex == expected)
        #expect(try repository.readBlob(written) == content)
        #expect(try fixture.git("cat-file", "-t", expected) == "blob")
        #expect(try fixture.git("cat-file", "-s", expected) == "\(content.count)")
    }

    @Test("ObjectID parses only full hexadecimal ids")
    func objectIDParsing() throws {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        #expect(ObjectID(hex: hex)?.hex == hex)
        #expect(ObjectID(hex: hex.uppercased())?.hex == hex)
        #expect(ObjectID(hex: "0123456") == nil)
        #expect(ObjectID(hex: String(hex.dropLast()) + "g") == nil)
        #expect(ObjectID(hex: hex + "0") == nil)
    }

    @Test("resolve peels revisions to commits, as git rev-parse does")
    func resolveRevisions() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        let first = try fixture.commitAll("first")
        try fixture.write("a.txt", "two\n")
        let second = try fixture.commitAll("second")
        try fixture.git("tag", "-a", "v1", "-m", "release", first)
        let repository = try Repository.open(at: fixture.workTree)

        #expect(try repository.resolve(revision: "HEAD").hex == second)
        #expect(try repository.resolve(revision: "main~1").hex == first)
        #expect(try repository.resolve(revision: "v1").hex == first)
        #expect(try repository.resolve(revision: String(second.prefix(10))).hex == second)
        #expect(try repository.tree(ofCommit: repository.resolve(revision: "HEAD")).hex
                == fixture.git("rev-parse", "HEAD^{tree}"))
    }

    @Test("read(path:atRevision:) gives a file's bytes, nil for a missing file or a folder")
    func readAtRevision() throws {
        let fixture = try GitFixture()
        try fixture.write("skills/a.py", "v1\n")
        try fixture.commitAll("v1")
        try fixture.write("skills/a.py", "v2\n")
        try fixture.commitAll("v2")
        let repository = try Repository.open(at: fixture.workTree)

        #expect(try repository.read(path: "skills/a.py", atRevision: "HEAD~1") == Array("v1\n".utf8))
        #expect(try repository.read(path: "skills/a.py", atRevision: "main") == Array("v2\n".utf8))
        #expect(try repository.read(path: "skills/missing.py", atRevision: "HEAD") == nil)
        #expect(try repository.read(path: "skills", atRevision: "HEAD") == nil)
    }

    @Test("a missing revision throws notFound, naming the revision and the libgit2 call")
    func missingRevision() throws {
        let fixture = try GitFixture()
        try fixture.write("a.txt", "one\n")
        try fixture.commitAll("first")
        let repository = try Repository.open(at: fixture.workTree)

        let error = try #require(throws: GitError.self) { try repository.resolve(revision: "no-such-branch") }
        #expect(error.code == .notFound)
        #expect(error.errorClass == .reference)
        #expect(error.operation == "git_revparse_single")
        #expect(error.message?.contains("no-such-branch") == true)
        #expect(error.description.contains("no-such-branch"))

        var matched = false
        do {
            _ = try repository.resolve(revision: "no-such-branch")
        } catch GitError.Code.exists {
            Issue.record("matched the wrong code")
        } catch GitError.Code.notFound {
            matched = true
        }
        #expect(matched)
    }

    @Test("error codes libgit2 may add later keep their value")
    func unknownCodesRoundTrip() {
        let code = GitError.Code(rawValue: -99)
        #expect(code.rawValue == -99)
        #expect(code != .generic && code != .notFound)
        #expect(!(GitError.Code.notFound ~= GitError(code: code, message: nil, operation: "future")))
    }
}
