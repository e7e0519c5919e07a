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

        // A 300-character name (past a file name's 255 bytes) made pull fail in git_merge.
        try agentSaves(String(repeating: "p", count: 300))
        for pull in [try repository.codemode("pull", "dev", "--branch", "review/agents"), try repository.codemode("pull", "dev")] {
            #expect(pull.status == 0 && pull.stderr.contains("skill names are at most 128 characters"), "\(pull.stderr.prefix(600))")
        }
        #expect(FileManager.default.fileExists(atPath: repository.url("skills/made_by_agent.py").path))
    }
}

/// Messages that used to be raw library text now say what is wrong and what to do.
@Suite("codemode says what is wrong")
struct ClearMessageTests {
    @Test func anUnknownRevisionIsAUsageError() throws {
        let repository = try GitFixture()
        try repository.write("codemode.yaml", "")
        try repository.commitAll("library")
        let result = try repository.codemode("run", "--rev", "nosuchrev", "1")
        #expect(result.status == 64)
        #expect(result.stderr == "codemode: --rev nosuchrev names no branch, tag or commit in \(repository.workTree.resolvingSymlinksInPath().path); see git branch -a, git tag or git log\n")
    }

    @Test func mcpRefusesAToolsFolderThatDoesNotExist() throws {
        let folder = try TemporaryDirectory("mcp-tools")
        try folder.write("codemode.yaml", "")
        let result = try ProcessRunner.codemode(["mcp", "--tools", "/nonexistent"], in: folder.url, stdin: "")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --tools /nonexistent: no such folder; give a folder of tool YAML files"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aKeyOfTheWrongTypeIsNamedWithWhatToDo() throws {
        let server = try RedisServer()
        let prefix = server.uniquePrefix()
        let folder = try TemporaryDirectory("wrongtype")
        _ = try server.connect().command("SET", "\(prefix):skills:__skills__", "x")
        let advice = "\(prefix):skills:__skills__ holds a string, but CodeMode (and py-code-mode) keep a hash there; "
            + "if another program wrote it, move or delete it (redis-cli DEL \(prefix):skills:__skills__), or use another prefix"
        let list = try ProcessRunner.codemode(["skill", "list", "--redis", "\(server.url)", "--prefix", prefix], in: folder.url)
        #expect(list.status == 1)
        #expect(list.stderr == "codemode: \(advice)\n")
        let session = try ProcessRunner.codemode(["run", "--redis", "\(server.url)", "--prefix", prefix, "skills.list()"], in: folder.url)
        #expect(session.stderr.contains("skills.list: [ValueError] \(advice)"))
    }

    @Test func aSkillFileWithAByteOrderMarkIsRefusedTheSameWayEverywhere() throws {
        let folder = try TemporaryDirectory("bom")
        try folder.write("skills/bom.py", bytes: [0xEF, 0xBB, 0xBF] + Array("async def run():\n    return 1\n".utf8))
        let message = "skills/bom.py:1: the file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM"
        let list = try ProcessRunner.codemode(["skill", "list"], in: folder.url)
        #expect(list.stdout == "no skills\n")
        #expect(list.stderr.contains(message))
        let validate = try ProcessRunner.codemode(["validate"], in: folder.url)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains(message) || validate.stderr.contains(message))
        let run = try ProcessRunner.codemode(["run", "skills.bom()"], in: folder.url)
        #expect(run.stderr.contains("skills/bom.py:1: the file starts with a UTF-8 byte-order mark"), "\(run.stderr)")
    }
}
