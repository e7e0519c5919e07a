import CodeModeCore
import CodeModeGit
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("FileStorage: skills")
struct FileStorageSkillTests {
    let folder: TemporaryDirectory
    let storage: FileStorage

    init() throws {
        folder = try TemporaryDirectory("skills")
        storage = FileStorage(base: folder.url)
    }

    static let undocumented = """
        async def run(x: int, factor: float = 2.0) -> float:
            return x * factor

        """

    /// A storage lists its skills again from what changed since (the kernel's file events):
    /// every kind of change made behind its back shows, as a fresh storage reading everything sees it.
    @Test func aListingFollowsEveryChangeToTheFolder() throws {
        func skill(_ text: String) -> String { "\"\"\"\(text)\"\"\"\n\n\nasync def run() -> int:\n    return 1\n" }
        for name in ["alpha", "beta", "gamma", "delta"] { try folder.write("skills/\(name).py", skill("\(name) first.")) }
        func listed(_ storage: FileStorage) throws -> [String] {
            let listing = try storage.listSkills()
            return listing.skills.map { "\($0.name.rawValue): \($0.description)" } + listing.problems.map(\.path)
        }
        #expect(try listed(storage).count == 4)
        #expect(try listed(storage) == listed(FileStorage(base: folder.url)), "nothing changed")

        try folder.write("skills/epsilon.py", skill("Made by someone else."))
        let appended = try FileHandle(forWritingTo: folder.url.appendingPathComponent("skills/alpha.py"))
        try appended.seekToEnd()
        try appended.write(contentsOf: Data("\n\nasync def run() -> int:\n    return 2\n".utf8))
        try appended.close()
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("skills/beta.py"))
        try FileManager.default.moveItem(at: folder.url.appendingPathComponent("skills/gamma.py"), to: folder.url.appendingPathComponent("skills/renamed.py"))
        try folder.write("skills/delta.py", "def run():\n    pass\n")
        try folder.write("skills/notes.txt", "not a skill")
        _ = try storage.saveSkill(SkillName(validating: "zeta"), source: skill("Saved here."), description: nil, replacing: false)

        let fresh = try listed(FileStorage(base: folder.url))
        #expect(try listed(storage) == fresh)
        #expect(fresh == ["alpha: alpha first.", "epsilon: Made by someone else.", "renamed: gamma first.", "zeta: Saved here.", "skills/delta.py"])

        // The folder itself replaced: everything is read again.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("skills"))
        try folder.write("skills/omega.py", skill("After the folder was replaced."))
        #expect(try listed(storage) == ["omega: After the folder was replaced."])
    }

    @Test func descriptionNotInSourceSurvivesCreateFileReload() throws {
        let name = try SkillName(validating: "double")
        let created = try storage.saveSkill(name, source: Self.undocumented, description: "Explicit description NOT in source", replacing: false)
        #expect(created.change == .created)
        #expect(created.skill.description == "Explicit description NOT in source")

        let file = try folder.read("skills/double.py")
        #expect(file.hasPrefix("\"\"\"Explicit description NOT in source\"\"\""))
        #expect(file.hasSuffix(Self.undocumented))

        let reloaded = try #require(try FileStorage(base: folder.url).skill(named: name))
        #expect(reloaded.description == "Explicit description NOT in source")
        #expect(reloaded.parameters.map(\.name) == ["x", "factor"])
        #expect(reloaded.parameters.map(\.type) == ["integer", "number"])
    }

    @Test func aSecondSaveChangesNoByte() throws {
        let name = try SkillName(validating: "double")
        _ = try storage.saveSkill(name, source: Self.undocumented, description: "Doubles a number", replacing: false)
        let path = folder.url.appendingPathComponent("skills/double.py").path
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let bytesBefore = try folder.bytes("skills/double.py")

        let stored = try #require(try storage.skill(named: name))
        let again = try storage.saveSkill(name, source: stored.source, description: "Doubles a number", replacing: false)
        #expect(again.change == .unchanged)
        let againWithOriginal = try storage.saveSkill(name, source: Self.undocumented, description: "Doubles a number", replacing: false)
        #expect(againWithOriginal.change == .unchanged)
        #expect(try folder.bytes("skills/double.py") == bytesBefore)
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
    }

    @Test func existingSkillIsReplacedOnlyWhenAsked() throws {
        let name = try SkillName(validating: "double")
        _ = try storage.saveSkill(name, source: Self.undocumented, description: nil, replacing: false)
        let changed = Self.undocumented.replacingOccurrences(of: "2.0", with: "3.0")
        #expect(throws: StorageError.self) {
            try storage.saveSkill(name, source: changed, description: nil, replacing: false)
        }
        #expect(try folder.read("skills/double.py") == Self.undocumented)
        #expect(try storage.saveSkill(name, source: changed, description: nil, replacing: true).change == .updated)
        #expect(try folder.read("skills/double.py") == changed)
    }

    @Test func invalidSourceIsRefusedAndNothingIsWritten() throws {
        let name = try SkillName(validating: "bad")
        let error = try #require(throws: StorageError.self) {
            try storage.saveSkill(name, source: "def run(x):\n    return x\n", description: "d", replacing: false)
        }
        #expect(error.message.contains("skill 'bad'"))
        #expect(error.message.contains("async def"))
        let syntax = try #require(throws: StorageError.self) {
            try storage.saveSkill(name, source: "async def run(x:\n    return x\n", description: nil, replacing: false)
        }
        #expect(syntax.message.contains("syntax error at line"))
        #expect(!folder.exists("skills/bad.py"))
    }

    @Test func listingReportsBadFilesAndKeepsTheOthers() throws {
        try folder.write("skills/good.py", "async def run():\n    \"\"\"Works.\"\"\"\n    return 1\n")
        try folder.write("skills/sync.py", "def run():\n    return 1\n")
        try folder.write("skills/my-skill.py", "async def run():\n    return 1\n")
        try folder.write("skills/__init__.py", "")
        try folder.write("skills/notes.txt", "not a skill")
        let listing = try storage.listSkills()
        #expect(listing.skills.map(\.name.rawValue) == ["good"])
        #expect(listing.skills.first?.description == "Works.")
        #expect(Set(listing.problems.map(\.path)) == ["skills/my-skill.py", "skills/sync.py"])
    }

    @Test func deleteRemovesTheFile() throws {
        let name = try SkillName(validating: "double")
        _ = try storage.saveSkill(name, source: Self.undocumented, description: nil, replacing: false)
        #expect(try storage.deleteSkill(named: name))
        #expect(!folder.exists("skills/double.py"))
        #expect(try storage.deleteSkill(named: name) == false)
        #expect(try storage.skill(named: name) == nil)
    }

    @Test func discoveryFindsTheNearestLibraryUpward() throws {
        try folder.write("skills/a.py", "async def run():\n    return 1\n")
        try folder.write("docs/deep/er/readme.txt", "")
        #expect(FileStorage.discover(from: folder.url.appendingPathComponent("docs/deep/er"))?.path == folder.url.standardizedFileURL.path)
        try folder.write("docs/codemode.yaml", "")
        #expect(FileStorage.discover(from: folder.url.appendingPathComponent("docs/deep"))?.lastPathComponent == "docs")
    }
}

@Suite("Syntax check cache")
struct SyntaxCheckCacheTests {
    @Test func contentThatCompiledIsNotCheckedAgain() throws {
        let cache = try TemporaryDirectory("syntax-cache")
        // `global` makes both go to Python: the pre-check vouches for neither.
        let good = "async def run():\n    global x\n    return 1\n", bad = "async def run(:\n    global x\n"
        #expect(try SyntaxCheck.check([good, bad], cacheFolder: cache.path).map { $0 == nil } == [true, false])
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { !$0.hasSuffix(".lock") }
        let file = try #require(files.first)
        #expect(try cache.read(file) == "\(ObjectID.blobID(for: Array(good.utf8)).hex)\n")

        // Remembered ids are trusted: a (deliberately poisoned) entry for the bad source
        // hides its error, which proves the cache is consulted; errors are never written.
        try cache.write(file, try cache.read(file) + ObjectID.blobID(for: Array(bad.utf8)).hex + "\n")
        #expect(try SyntaxCheck.check([bad], cacheFolder: cache.path) == [nil])
        #expect(try SyntaxCheck.check([bad], cacheFolder: nil).first??.line == 1)
    }
}
