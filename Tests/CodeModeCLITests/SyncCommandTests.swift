import CodeModeCore
import CodeModeRedis
import Foundation
import Testing
import TestSupport

/// The sync commands as a user runs them: exit codes, messages and `--json`.
@Suite("codemode env, fetch, status, diff, pull, push, promote, log, rollback")
final class SyncCommandTests {
    let server: RedisServer
    let fixture: GitFixture
    let dev: String
    let staging: String

    static let skill = "\"\"\"Doubles a number.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n"

    init() throws {
        server = try RedisServer()
        fixture = try GitFixture()
        dev = server.uniquePrefix("dev")
        staging = server.uniquePrefix("staging")
        try fixture.write("codemode.yaml", """
            environments:
              dev: { url: "\(server.url)", prefix: \(dev) }
              staging: { url: "\(server.url)", prefix: \(staging) }
              prod: { url: "${PROD_REDIS_URL}", prefix: prod }
            promotion: [dev, staging, prod]

            """)
        try fixture.write("skills/double.py", Self.skill)
        try fixture.commitAll("library")
    }

    func codemode(_ arguments: String...) throws -> ProcessResult {
        try ProcessRunner.run(ProcessRunner.codemodeExecutable, arguments, in: fixture.workTree, environment: fixture.environment)
    }

    @Test func envListNeverShowsPasswordsAndNamesUnsetVariables() throws {
        let list = try codemode("env", "list")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("dev      \(server.url)  prefix \(dev)"))
        #expect(list.stdout.contains("unusable: environment 'prod': its url uses ${PROD_REDIS_URL}, which is not set"))
        #expect(list.stdout.contains("promotion: dev → staging → prod"))
        let json = try JSONParser.parse(try codemode("env", "list", "--json").stdout)
        #expect(json["promotion"] == .array([.string("dev"), .string("staging"), .string("prod")]))
        #expect(json["environments"]?.arrayValue?.count == 3)

        let unset = try codemode("status", "prod")
        #expect(unset.status == 1 && unset.stderr.contains("export PROD_REDIS_URL"))
        #expect(unset.stderr.split(separator: "\n").count == 1)
        let unknown = try codemode("push", "qa")
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown environment 'qa'; codemode.yaml defines dev, staging, prod"))
    }

    @Test func statusExitCodesAndJSON() throws {
        let before = try codemode("status", "dev", "--exit-code")
        #expect(before.status == 2, "\(before.stderr)")
        #expect(before.stdout.contains("changed-here   skills/double.py  (added here)"))
        let push = try codemode("push", "dev")
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.contains("added     skills/double.py  → \(dev):skills:__skills__[double]"))
        let after = try codemode("status", "dev", "--exit-code")
        #expect(after.status == 0 && after.stdout.contains("in sync"))

        try fixture.write("skills/double.py", Self.skill.replacingOccurrences(of: "x * 2", with: "x + x"))
        let agent = try RedisConnection(url: server.url)
        try agent.command("HSET", "\(dev):skills:__skills__", "agent_made",
                          #"{"name": "agent_made", "description": "Made by an agent.", "source": "async def run():\n    return 1\n", "parameters": []}"#)
        let json = try JSONParser.parse(try codemode("status", "--json").stdout)
        #expect(json["environment"] == .string("dev"))
        #expect(json["items"] == .array([.object([
            JSONMember("path", .string("skills/agent_made.py")), JSONMember("kind", .string("skill")),
            JSONMember("name", .string("agent_made")), JSONMember("state", .string("changed-there")),
            JSONMember("here", .null), JSONMember("there", .string("added")),
        ])]))
        #expect(json["uncommitted"]?.arrayValue?.first?["path"] == .string("skills/double.py"))
        for key in ["base", "head", "snapshot"] { #expect(json[key]?.stringValue?.count == 40, "\(key)") }

        let uncommitted = try codemode("push", "dev")
        #expect(uncommitted.status == 0)
        #expect(uncommitted.stderr.contains("1 uncommitted edit(s) are not pushed (push sends HEAD): skills/double.py"))
        #expect(uncommitted.stdout.contains("kept      skills/agent_made.py"))
    }

    @Test func conflictsExit3AndPullLeavesMarkers() throws {
        _ = try codemode("push", "dev")
        try fixture.write("skills/double.py", Self.skill.replacingOccurrences(of: "x * 2", with: "x + x"))
        try fixture.commitAll("here")
        let agent = try RedisConnection(url: server.url)
        try agent.command("HSET", "\(dev):skills:__skills__", "double",
                          #"{"name": "double", "description": "Doubles a number.", "source": "\"\"\"Doubles a number.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return 2 * x\n", "parameters": []}"#)
        let diff = try codemode("diff", "dev", "double", "--exit-code")
        #expect(diff.status == 2)
        #expect(diff.stdout.contains("--- dev/skills/double.py") && diff.stdout.contains("+++ HEAD/skills/double.py"))
        #expect(diff.stdout.contains("-    return 2 * x") && diff.stdout.contains("+    return x + x"))
        #expect(!diff.stdout.contains("\u{1B}["), "no colour when piped")

        let push = try codemode("push", "dev")
        #expect(push.status == 3)
        #expect(push.stderr.contains("skills/double.py: modified here, modified in dev") && push.stderr.contains("--force"))
        let pull = try codemode("pull", "dev", "--json")
        #expect(pull.status == 1)
        #expect(try JSONParser.parse(pull.stdout)["conflicts"] == .array([.string("skills/double.py")]))
        #expect(try fixture.git("status", "--porcelain") == "UU skills/double.py")
    }

    @Test func promoteLogAndRollback() throws {
        _ = try codemode("push", "dev")
        let deployed = try fixture.git("rev-parse", "HEAD")
        try fixture.write("skills/later.py", Self.skill)
        try fixture.commitAll("later")
        let dryRun = try codemode("promote", "staging", "--dry-run", "--json")
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        let plan = try JSONParser.parse(dryRun.stdout)
        #expect(plan["commit"] == .string(deployed) && plan["dry_run"] == .bool(true))
        #expect(plan["writes"]?.arrayValue?.compactMap { $0["path"]?.stringValue } == ["skills/double.py"])
        #expect(try codemode("promote", "staging").status == 0)
        let noStage = try codemode("promote", "dev")
        #expect(noStage.status == 64 && noStage.stderr.contains("first stage"))

        let log = try JSONParser.parse(try codemode("log", "staging", "--json").stdout)
        #expect(log.arrayValue?.first?["operation"] == .string("promote"))
        #expect(log.arrayValue?.first?["deployed"] == .string(deployed))
        #expect(log.arrayValue?.first?["who"] == .string("Test Author <author@example.com>"))

        _ = try codemode("push", "dev")
        let history = try JSONParser.parse(try codemode("log", "dev", "-n", "1", "--json").stdout)
        let previous = try fixture.git("rev-parse", "refs/codemode/dev~1")
        #expect(history.arrayValue?.count == 1)
        let rollback = try codemode("rollback", "dev", previous)
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(rollback.stdout.contains("deleted   skills/later.py"))
        let badRevision = try codemode("rollback", "dev", "no-such-thing")
        #expect(badRevision.status == 64 && badRevision.stderr.contains("'no-such-thing' names no commit"))
    }

    @Test func anUnreachableServerExits69InOneLine() throws {
        let (descriptor, port) = try LoopbackSocket.bind()
        close(descriptor)
        try fixture.write("codemode.yaml", "environments:\n  dev: { url: \"redis://127.0.0.1:\(port)\", prefix: p }\n")
        let head = try fixture.git("rev-parse", "HEAD")
        for command in [["status", "dev"], ["push", "dev"], ["pull", "dev"], ["fetch", "dev"]] {
            let result = try ProcessRunner.run(ProcessRunner.codemodeExecutable, command, in: fixture.workTree, environment: fixture.environment)
            #expect(result.status == 69, "\(command)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("127.0.0.1:\(port)"), "\(command): \(result.stderr)")
        }
        #expect(try fixture.git("rev-parse", "HEAD") == head)
        #expect(try fixture.runGit(["rev-parse", "--verify", "--quiet", "refs/codemode/dev"]).status != 0)
    }

    @Test func aLibraryWithoutARepositorySaysWhatToRun() throws {
        let folder = try TemporaryDirectory("no-repo")
        try folder.write("codemode.yaml", "environments: {}\n")
        let result = try ProcessRunner.run(ProcessRunner.codemodeExecutable, ["status"], in: folder.url, environment: fixture.environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("not in a git repository") && result.stderr.contains("`codemode init`") && result.stderr.contains("`git init`"))
    }
}
