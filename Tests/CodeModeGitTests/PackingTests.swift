import CodeModeGit
import Foundation
import Testing
import TestSupport

@Suite("Objects written in one pack")
struct PackingTests {
    @Test func blobsAndTreesLandInOnePackReadableByGit() throws {
        let fixture = try GitFixture()
        let repository = try Repository.open(at: fixture.workTree)
        let files = (0..<50).map { ("skills/s\($0).py", Array("print(\($0))\n".utf8)) }
        let (commit, tree) = try repository.writingObjectsInOnePack { packing in
            var upserts: [String: ObjectID] = [:]
            for (path, bytes) in files { upserts[path] = try packing.writeBlob(bytes) }
            let tree = try packing.updateTree(nil, upserting: upserts)
            return (try packing.commit(tree: tree, parents: [], message: "snapshot"), tree)
        }
        #expect(try repository.commitInfo(commit).tree == tree)
        let packs = try FileManager.default.contentsOfDirectory(atPath: fixture.workTree.appendingPathComponent(".git/objects/pack").path)
        #expect(packs.filter { $0.hasSuffix(".pack") }.count == 1)
        #expect(try fixture.git("count-objects", "-v").contains("count: 0"))
        #expect(try fixture.git("ls-tree", "-r", "--name-only", tree.hex).split(separator: "\n").count == 50)
        #expect(try repository.files(inTree: tree).count == 50)
        try fixture.git("fsck", "--strict")
    }
}
