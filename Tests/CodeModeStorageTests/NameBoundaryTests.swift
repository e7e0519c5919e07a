import CodeModeCore
import CodeModeRedis
import CodeModeStorage
import Foundation
import Testing
import TestSupport

/// Names that cannot be skills — too long, or Python's own (`__init__`) — are reported and
/// left out on both sides, in messages of bounded length.
@Suite("Name bounds in files and Redis")
final class NameBoundaryTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    static let source = "async def run():\n    return 1\n"
    static func entry(_ name: String) -> String {
        #"{"name": "\#(name)", "description": "", "source": "async def run():\n    return 1\n", "parameters": []}"#
    }

    @Test func hugeAndSpecialFieldsAreReportedAndLeftOut() throws {
        let storage = try RedisStorage(url: server.url, prefix: server.uniquePrefix())
        let key = "\(storage.prefix):skills:__skills__"
        let huge = String(repeating: "d", count: 70_000)
        let connection = try RedisConnection(url: server.url)
        for name in ["good", huge, "__init__", String(repeating: "k", count: 128)] {
            _ = try connection.command(["HSET", key, name, Self.entry(name)].map { Array($0.utf8) })
        }
        let listing = try storage.listSkills()
        #expect(listing.skills.map(\.name.rawValue) == ["good", String(repeating: "k", count: 128)])
        #expect(listing.problems.count == 2)
        #expect(listing.problems.contains { $0.message.contains("'__init__' is a Python special name") })
        #expect(listing.problems.contains { $0.message.contains("skill names are at most 128 characters") })
        for problem in listing.problems {
            #expect(problem.description.count < 300, "\(problem.description.prefix(400))")
        }
        // A Redis tool of a hostile name is reported the same way.
        let toolName = String(repeating: "t", count: 70_000)
        _ = try connection.command(["HSET", "\(storage.prefix):tools:__tools__", toolName, #"{"name": "\#(toolName)", "recipes": {"run": {}}}"#].map { Array($0.utf8) })
        let tools = try storage.listTools()
        #expect(tools.tools.isEmpty && tools.problems.count == 1)
        #expect((tools.problems.first?.description.count ?? .max) < 300)
    }

    @Test func aSkillFileOfTooLongANameIsReportedAndPackageFilesAreLeftOut() throws {
        let folder = try TemporaryDirectory("names")
        let long = String(repeating: "f", count: 129)
        try folder.write("skills/\(long).py", Self.source)
        try folder.write("skills/__init__.py", "")
        try folder.write("skills/__main__.py", Self.source)
        try folder.write("skills/fine.py", Self.source)
        let listing = try FileStorage(base: folder.url).listSkills()
        #expect(listing.skills.map(\.name.rawValue) == ["fine"])
        #expect(listing.problems.map(\.path) == ["skills/\(long).py"])
        #expect(listing.problems.first?.message.contains("skill names are at most 128 characters") == true)
        #expect(throws: (any Error).self) { try FileStorage(base: folder.url).saveSkill(SkillName(validating: "__init__"), source: Self.source, description: nil, replacing: false) }
    }
}
