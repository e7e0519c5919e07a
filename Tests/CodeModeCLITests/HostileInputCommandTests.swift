import CodeModeCore
import Foundation
import Testing
import TestSupport

/// Input that once crashed or hung a command, or got a raw message: each now ends in one line.
@Suite("codemode on hostile input")
struct HostileInputCommandTests {
    @Test func anAliasBombInCodemodeYamlIsOneLineAndExit1() throws {
        let repository = try GitFixture()
        try repository.write("codemode.yaml", HostileInput.aliasBomb(header: "environments: {}"))
        let list = try repository.codemode("env", "list")
        #expect(list.status == 1)
        #expect(list.stderr == "codemode: codemode.yaml:6: invalid YAML: aliases repeat more than 10000 values (an alias bomb?); write the repeated parts out\n")
    }

    @Test func aSkillFileNamedBeyond128CharactersIsReportedByValidateAndList() throws {
        let folder = try TemporaryDirectory("long-name")
        let long = String(repeating: "f", count: 129)
        try folder.write("skills/\(long).py", "async def run():\n    return 1\n")
        for (command, status) in [(["validate"], Int32(1)), (["skill", "list"], 0)] {
            let result = try ProcessRunner.codemode(command, in: folder.url)
            #expect(result.status == status, "\(command)")
            #expect((result.stdout + result.stderr).contains("skills/\(long).py: invalid skill name"))
            #expect((result.stdout + result.stderr).contains("the name is 129 characters long; skill names are at most 128 characters"))
        }
    }
}

/// Redis fields that cannot be skills, seen through the sync and store commands.
@Suite("codemode on hostile Redis entries")
final class HostileRedisEntryTests {
    let server: RedisServer
    let repository: GitFixture
    let prefix: String

    init() throws {
        server = try RedisServer()
        repository = try GitFixture()
        prefix = server.uniquePrefix("dev")
        try repository.write("codemode.yaml", "environments:\n  dev: { url: \"\(server.url)\", prefix: \(prefix) }\n")
        try repository.write("skills/good.py", "async def run():\n    return 1\n")
        try repository.commitAll("library")
    }

    func agentSaves(_ name: String) throws {
        let value = #"{"name": "\#(name)", "description": "", "source": "async def run():\n    return 2\n", "parameters": []}"#
        _ = try server.connect().command(["HSET", "\(prefix):skills:__skills__", name, value].map { Array($0.utf8) })
    }

    @Test func specialAndHugeFieldsAreReportedLeftOutAndFetchSettles() throws {
        try agentSaves("__init__")
        try agentSaves(String(repeating: "d", count: 70_000))
        try agentSaves("made_by_agent")
        let first = try repository.codemode("fetch", "dev")
        #expect(first.status == 0, "\(first.stderr.prefix(600))")
        #expect(first.stdout.contains("1 added"))
        let second = try repository.codemode("fetch", "dev")
        #expect(second.stdout.contains("is up to date"), "\(second.stdout)")
        let status = try repository.codemode("status", "dev")
        #expect(status.stdout.contains("skills/made_by_agent.py"))
        for result in [first, second, status] {
            let lines = (result.stdout + result.stderr).split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 300 }, "\(lines.map(\.count))")
            #expect(result.stderr.contains("'__init__' is a Python special name"))
            #expect(result.stderr.contains("skill names are at most 128 characters"))
        }
        try repository.git("fsck", "--strict")
        #expect(try repository.git("ls-tree", "-r", "--name-only", "refs/codemode/dev") == "skills/made_by_agent.py")
    }
}
