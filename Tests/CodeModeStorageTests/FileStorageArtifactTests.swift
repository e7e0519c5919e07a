import CodeModeCore
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("FileStorage: artifacts")
struct FileStorageArtifactTests {
    let folder: TemporaryDirectory
    let storage: FileStorage

    init() throws {
        folder = try TemporaryDirectory("artifacts")
        storage = FileStorage(base: folder.url)
    }

    @Test func bytesWithNULRoundTrip() throws {
        let name = try ArtifactName(validating: "blobs/raw.bin")
        let payload = Data([0, 1, 2, 0, 255, 0x0A, 0])
        let record = try storage.saveArtifact(name, value: .bytes(payload), description: "raw", metadata: [])
        #expect(record.dataType == .bytes)
        #expect(try folder.bytes("artifacts/blobs/raw.bin") == Array(payload))
        #expect(try FileStorage(base: folder.url).loadArtifact(name) == .bytes(payload))
    }

    @Test func textAndJSONRoundTripInPythonsFormat() throws {
        let text = try ArtifactName(validating: "notes.txt")
        _ = try storage.saveArtifact(text, value: .text("héllo\nworld"), description: "d1",
                                     metadata: [JSONMember("owner", .string("me"))])
        let json = try ArtifactName(validating: "data/result.json")
        let value: JSONValue = .object([JSONMember("b", .integer(1)), JSONMember("a", .array([.bool(true), .null]))])
        _ = try storage.saveArtifact(json, value: .json(value), description: "", metadata: [])

        #expect(try folder.read("artifacts/data/result.json") == "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}")
        #expect(try storage.loadArtifact(text) == .text("héllo\nworld"))
        #expect(try storage.loadArtifact(json) == .json(value))

        let index = try JSONParser.parse(folder.read("artifacts/.artifacts.json"))
        #expect(index.objectValue?.map(\.key) == ["notes.txt", "data/result.json"])
        let entry = try #require(index["notes.txt"])
        #expect(entry.objectValue?.map(\.key) == ["description", "created_at", "metadata"])
        #expect(entry["metadata"] == .object([JSONMember("owner", .string("me")), JSONMember("_data_type", .string("text"))]))
        let createdAt = try #require(entry["created_at"]?.stringValue)
        #expect(createdAt.hasSuffix("+00:00") && createdAt.count >= 25)
    }

    @Test func listGetExistsAndDelete() throws {
        let a = try ArtifactName(validating: "a.txt"), b = try ArtifactName(validating: "sub/b.txt")
        _ = try storage.saveArtifact(a, value: .text("1"), description: "first", metadata: [])
        _ = try storage.saveArtifact(b, value: .text("2"), description: "second", metadata: [])
        _ = try storage.saveArtifact(a, value: .text("3"), description: "first again", metadata: [])
        #expect(try storage.listArtifacts().map(\.name.rawValue) == ["a.txt", "sub/b.txt"])
        #expect(try storage.artifact(named: a)?.description == "first again")
        #expect(try storage.artifact(named: a)?.path == folder.url.standardizedFileURL.appendingPathComponent("artifacts/a.txt").path)
        #expect(try storage.deleteArtifact(a))
        #expect(try storage.artifact(named: a) == nil)
        #expect(!folder.exists("artifacts/a.txt"))
        #expect(try storage.deleteArtifact(a) == false)
        #expect(throws: StorageError.self) { try storage.loadArtifact(a) }
    }

    @Test func unindexedFilesLoadByPythonsRules() throws {
        try folder.write("artifacts/legacy.json", "[1, 2]")
        try folder.write("artifacts/broken.json", "[1, 2")
        try folder.write("artifacts/image.png", bytes: [0x89, 0x50, 0xFF, 0xFE])
        #expect(try storage.loadArtifact(ArtifactName(validating: "legacy.json")) == .json(.array([.integer(1), .integer(2)])))
        #expect(try storage.loadArtifact(ArtifactName(validating: "broken.json")) == .text("[1, 2"))
        #expect(try storage.loadArtifact(ArtifactName(validating: "image.png")) == .bytes(Data([0x89, 0x50, 0xFF, 0xFE])))
    }

    @Test func symbolicLinksOutOfTheFolderAreRefused() throws {
        let outside = try TemporaryDirectory("outside")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("artifacts"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("artifacts/escape"), withDestinationURL: outside.url)
        let error = try #require(throws: StorageError.self) {
            try storage.saveArtifact(ArtifactName(validating: "escape/x.txt"), value: .text("x"), description: "", metadata: [])
        }
        #expect(error.message.contains("outside"))
        #expect(!outside.exists("x.txt"))
    }

    @Test func corruptIndexIsReportedAndLeftAlone() throws {
        try folder.write("artifacts/.artifacts.json", "{not json")
        let error = try #require(throws: StorageError.self) {
            try storage.saveArtifact(ArtifactName(validating: "x.txt"), value: .text("x"), description: "", metadata: [])
        }
        #expect(error.message.contains("artifacts/.artifacts.json is not valid JSON"))
        #expect(try folder.read("artifacts/.artifacts.json") == "{not json")
        #expect(!folder.exists("artifacts/x.txt"))
    }

    @Test func manyThreadsSavingAtOnceLoseNoEntry() async throws {
        let base = folder.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let storage = FileStorage(base: base)
                    for item in 0..<25 {
                        _ = try storage.saveArtifact(ArtifactName(validating: "w\(worker)/\(item).txt"),
                                                     value: .text("\(worker)-\(item)"), description: "", metadata: [])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try storage.listArtifacts().count == 100)
    }
}
