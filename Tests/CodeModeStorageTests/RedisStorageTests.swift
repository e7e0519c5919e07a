import CodeModeCore
import CodeModeRedis
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("RedisStorage")
final class RedisStorageTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    func storage() throws -> RedisStorage {
        try RedisStorage(url: server.url, prefix: server.uniquePrefix())
    }

    static let documented = """
        \"\"\"Say hello — politely.\"\"\"


        async def run(name: str, times: int = 2, tags: list = ["a", "é"]) -> str:
            return ", ".join([f"hi {name}"] * times)

        """

    @Test func skillsRoundTripInPythonsLayout() throws {
        let storage = try storage()
        let name = try SkillName(validating: "greet")
        #expect(try storage.saveSkill(name, source: Self.documented, description: nil, replacing: false).change == .created)
        #expect(try storage.saveSkill(name, source: Self.documented, description: nil, replacing: false).change == .unchanged)
        let stored = try #require(try storage.skill(named: name))
        #expect(stored.description == "Say hello — politely.")
        #expect(stored.source == Self.documented)
        #expect(try storage.listSkills().skills.map(\.name.rawValue) == ["greet"])

        let raw = try RedisConnection(url: server.url).command(["HGET", "\(storage.prefix):skills:__skills__", "greet"].map { Array($0.utf8) })
        guard case .string(let value) = raw else { Issue.record("no value under the py-code-mode key"); return }
        #expect(value == SkillWireFormat.encode(stored))
        #expect(try storage.deleteSkill(named: name))
        #expect(try storage.skill(named: name) == nil)
    }

    /// The stored value is byte-identical to what Python's json.dumps writes for the same dict.
    @Test func skillValuesAreByteIdenticalToPythons() throws {
        let skill = try Skill(name: SkillName(validating: "greet"), source: Self.documented)
        let ours = SkillWireFormat.encode(skill)
        let python = try PythonScript.run("""
            import json, sys
            value = json.loads(sys.stdin.read())
            ordered = {"name": value["name"], "description": value["description"], "source": value["source"], "parameters": value["parameters"]}
            sys.stdout.write(json.dumps(ordered))
            """, input: ours)
        #expect(python == ours)
    }

    @Test func corruptAndForeignEntriesAreReportedAndTheOthersRead() throws {
        let storage = try storage()
        _ = try storage.saveSkill(SkillName(validating: "good"), source: "async def run():\n    return 1\n", description: "Fine.", replacing: false)
        let key = "\(storage.prefix):skills:__skills__"
        let connection = try RedisConnection(url: server.url)
        let entries: [(String, String)] = [
            ("bad_json", "{not json"),
            ("missing", #"{"name": "missing", "source": "async def run():\n    return 1\n"}"#),
            ("sync_run", #"{"name": "sync_run", "description": "", "source": "def run():\n    return 1\n", "parameters": []}"#),
            ("list", #"{"name": "list", "description": "", "source": "async def run():\n    return 1\n", "parameters": []}"#),
            ("renamed", #"{"name": "other", "description": "Foreign.", "source": "async def run():\n    return 1\n", "parameters": []}"#),
        ]
        for (field, value) in entries {
            _ = try connection.command(["HSET", key, field, value].map { Array($0.utf8) })
        }
        let listing = try storage.listSkills()
        #expect(listing.skills.map(\.name.rawValue) == ["good", "renamed"])
        #expect(listing.skills.last?.description == "Foreign.")
        let byField = Dictionary(grouping: listing.problems) { $0.path }
        #expect(byField["\(key)[bad_json]"]?.first?.message.contains("not valid JSON") == true)
        #expect(byField["\(key)[missing]"]?.first?.message.contains("'description'") == true)
        #expect(byField["\(key)[sync_run]"]?.first?.message.contains("async def") == true)
        #expect(byField["\(key)[list]"]?.first?.message.contains("reserved") == true)
        #expect(byField["\(key)[renamed]"]?.first?.message.contains("'other'") == true)
        #expect(listing.problems.count == 5)
    }

    @Test func artifactsKeepEveryByte() throws {
        let storage = try storage()
        let bytes = Data((0...255).map(UInt8.init) + [0, 0])
        let name = try ArtifactName(validating: "blobs/all.bin")
        let record = try storage.saveArtifact(name, value: .bytes(bytes), description: "all bytes", metadata: [JSONMember("k", .integer(1))])
        #expect(record.path == "\(storage.prefix):artifacts:blobs/all.bin")
        #expect(try storage.loadArtifact(name) == .bytes(bytes))
        let json = try ArtifactName(validating: "result")
        _ = try storage.saveArtifact(json, value: .json(.array([.integer(1), .string("é")])), description: "", metadata: [])
        #expect(try storage.loadArtifact(json) == .json(.array([.integer(1), .string("é")])))
        _ = try storage.saveArtifact(try ArtifactName(validating: "note.txt"), value: .text("hi"), description: "", metadata: [])
        #expect(try storage.listArtifacts().map(\.name.rawValue) == ["blobs/all.bin", "note.txt", "result"])
        #expect(try storage.artifact(named: name)?.metadata == [JSONMember("k", .integer(1)), JSONMember("_data_type", .string("bytes"))])
        #expect(try storage.deleteArtifact(name))
        #expect(throws: StorageError.self) { try storage.loadArtifact(name) }
        #expect(throws: ArtifactNameError.self) { try ArtifactName(validating: "__index__") }
    }

    @Test func dependenciesReplaceByPackageName() throws {
        let storage = try storage()
        #expect(try storage.addDependency(DependencySpec(validating: "Requests>=2.0")))
        #expect(try storage.addDependency(DependencySpec(validating: "requests[socks]")))
        #expect(try storage.addDependency(DependencySpec(validating: "requests[socks]")) == false)
        #expect(try storage.addDependency(DependencySpec(validating: "numpy")))
        #expect(try storage.listDependencies().specs.map(\.text) == ["numpy", "requests[socks]"])
        #expect(try storage.removeDependency(named: "REQUESTS"))
        #expect(try storage.listDependencies().specs.map(\.text) == ["numpy"])
    }
}
