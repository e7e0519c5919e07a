import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Three-way merge of one file")
struct MergeFileTests {
    static let base = """
        async def run(url: str) -> dict:
            \"\"\"Fetch a page.\"\"\"
            timeout = 10
            retries = 3
            page = await get(url, timeout=timeout, retries=retries)
            return {"page": page}

        """

    /// What `git merge-file -p` makes of the same three texts: the oracle for each case.
    private func gitMergeFile(_ ancestor: String, _ ours: String, _ theirs: String) throws -> (String, Bool) {
        let fixture = try GitFixture(initialize: false)
        try fixture.write("base", ancestor)
        try fixture.write("ours", ours)
        try fixture.write("theirs", theirs)
        let result = try fixture.runGit(["merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs",
                                         "ours", "base", "theirs"])
        // The exit status is the number of conflicts; negative (>127 here) means failure.
        #expect(result.status < 127, "git merge-file failed: \(result.stderr)")
        return (result.stdout, result.status != 0)
    }

    private func merge(_ ancestor: String?, _ ours: String, _ theirs: String) throws -> (String, Bool) {
        let result = try MergeFile.merge(ancestor: ancestor.map { Array($0.utf8) },
                                         ours: Array(ours.utf8), theirs: Array(theirs.utf8))
        return (String(decoding: result.content, as: UTF8.self), result.hasConflicts)
    }

    @Test("edits in different places merge cleanly")
    func cleanMerge() throws {
        let ours = Self.base.replacingOccurrences(of: "timeout = 10", with: "timeout = 30")
        let theirs = Self.base.replacingOccurrences(of: "return {\"page\": page}", with: "return {\"page\": page, \"ok\": True}")
        let (merged, conflicted) = try merge(Self.base, ours, theirs)

        #expect(!conflicted)
        #expect(merged.contains("timeout = 30") && merged.contains("\"ok\": True"))
        #expect(try gitMergeFile(Self.base, ours, theirs) == (merged, false))
    }

    @Test("edits to the same lines give git's conflict markers")
    func conflict() throws {
        let ours = Self.base.replacingOccurrences(of: "retries = 3", with: "retries = 5")
        let theirs = Self.base.replacingOccurrences(of: "retries = 3", with: "retries = 0")
        let (merged, conflicted) = try merge(Self.base, ours, theirs)

        #expect(conflicted)
        #expect(merged.contains("<<<<<<< ours\n    retries = 5\n=======\n    retries = 0\n>>>>>>> theirs\n"))
        #expect(try gitMergeFile(Self.base, ours, theirs) == (merged, true))
    }

    @Test("the same edit on both sides is no conflict")
    func identicalEdits() throws {
        let both = Self.base.replacingOccurrences(of: "retries = 3", with: "retries = 4")
        #expect(try merge(Self.base, both, both) == (both, false))
    }

    @Test("without an ancestor, equal files merge and different ones conflict")
    func noAncestor() throws {
        #expect(try merge(nil, Self.base, Self.base) == (Self.base, false))
        let (merged, conflicted) = try merge(nil, "x = 1\n", "x = 2\n")
        #expect(conflicted)
        #expect(merged == "<<<<<<< ours\nx = 1\n=======\nx = 2\n>>>>>>> theirs\n")
    }

    @Test("labels name the sides in the markers")
    func labels() throws {
        let result = try MergeFile.merge(ancestor: Array("a\n".utf8), ours: Array("b\n".utf8), theirs: Array("c\n".utf8),
                                         ancestorLabel: "base", ourLabel: "HEAD", theirLabel: "prod")
        #expect(String(decoding: result.content, as: UTF8.self) == "<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> prod\n")
    }
}
