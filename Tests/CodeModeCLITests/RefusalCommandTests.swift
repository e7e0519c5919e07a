import CodeModeCore
import CodeModeRedis
import Foundation
import Testing
import TestSupport

/// What a user sees when the sync engine refuses (a push from behind, a lost prefix) or the
/// input is bad: one line that names the item and says what to do, exit codes, `--json`.
@Suite("codemode refusals: push from behind, lost prefixes, restore, bad settings")
final class RefusalCommandTests {
    let server: RedisServer
    let fixture: GitFixture
    let dev: String

    init() throws {
        server = try RedisServer()
        fixture = try GitFixture()
        dev = server.uniquePrefix("dev")
        try fixture.write("codemode.yaml", "environments:\n  dev: { url: \"\(server.url)\", prefix: \(dev) }\n")
        try fixture.write("skills/double.py", SyncCommandTests.skill)
        try fixture.commitAll("library")
    }

    func codemode(_ arguments: String..., in directory: URL? = nil) throws -> ProcessResult {
        try ProcessRunner.run(ProcessRunner.codemodeExecutable, arguments, in: directory ?? fixture.workTree, environment: fixture.environment)
    }

    @Test func aPushFromBehindIsOneLineWithTheWaysOutAndJSON() throws {
        #expect(try codemode("push", "dev").status == 0)
        let clone = try GitFixture(initialize: false)
        try clone.git("clone", "--quiet", fixture.workTree.path, clone.workTree.path, in: clone.root)
        try clone.git("config", "user.name", "Teammate")
        try clone.git("config", "user.email", "teammate@example.com")
        try fixture.write("skills/double.py", SyncCommandTests.skill.replacingOccurrences(of: "x * 2", with: "x + x"))
        let deployed = try fixture.commitAll("edit")
        #expect(try codemode("push", "dev").status == 0)
        try clone.write("skills/triple.py", SyncCommandTests.skill.replacingOccurrences(of: "2", with: "3"))
        try clone.commitAll("add")

        let push = try codemode("push", "dev", in: clone.workTree)
        #expect(push.status == 3)
        let lines = push.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].count < 400, "\(push.stderr)")
        for part in ["dev runs \(deployed.prefix(12))", "which this clone lacks", "git pull", "codemode pull dev", "codemode push dev --force"] {
            #expect(push.stderr.contains(part), "\(part)")
        }
        let json = try codemode("push", "dev", "--json", in: clone.workTree)
        #expect(json.status == 3)
        let document = try JSONParser.parse(json.stdout)
        #expect(document["refused"] == .string("non-fast-forward") && document["deployed"] == .string(deployed))
        #expect(document["reason"] == .string("missing"))

        let status = try codemode("status", "dev", "--exit-code", in: clone.workTree)
        #expect(status.status == 2 && status.stdout.contains("which this clone lacks") && !status.stdout.contains("changed-here   skills/double.py"))
        #expect(try JSONParser.parse(try codemode("status", "dev", "--json", in: clone.workTree).stdout)["behind"]?["deployed"] == .string(deployed))
    }

    @Test func aWipedPrefixIsLostUntilRestored() throws {
        #expect(try codemode("push", "dev").status == 0)
        try RedisConnection(url: server.url).command("FLUSHALL")
        let status = try codemode("status", "dev")
        #expect(status.status == 0)
        #expect(status.stdout == "dev: its last state \(try fixture.git("rev-parse", "--short=12", "refs/codemode/dev")) had 1 item(s), but the prefix is empty — data lost? write that state back with `codemode restore dev`\n")
        let json = try JSONParser.parse(try codemode("status", "dev", "--json").stdout)
        #expect(json["lost"] == .bool(true) && json["loss"]?["last_item_count"] == .integer(1))
        #expect(try codemode("status", "dev", "--exit-code").status == 2)

        let push = try codemode("push", "dev", "--json")
        #expect(push.status == 3 && push.stderr.contains("codemode restore dev") && push.stderr.contains("codemode push dev --force"))
        #expect(try JSONParser.parse(push.stdout)["refused"] == .string("lost"))
        #expect(try codemode("fetch", "dev").status == 3)

        let dryRun = try codemode("restore", "dev", "--dry-run")
        #expect(dryRun.status == 0 && dryRun.stdout.contains("would restore 1 item(s)"))
        let restore = try codemode("restore", "dev", "--json")
        #expect(restore.status == 0, "\(restore.stderr)")
        let restored = try JSONParser.parse(restore.stdout)
        #expect(restored["writes"]?.arrayValue?.map { $0["path"] } == [.string("skills/double.py")] && restored["record_restored"] == .bool(true))
        #expect(try codemode("status", "dev", "--exit-code").status == 0)
        let again = try codemode("restore", "dev")
        #expect(again.status == 1 && again.stderr.contains("nothing to restore"))
    }

    @Test func badSettingsAndUnknownNamesAreOneLine() throws {
        let diff = try codemode("diff", "dev", "no_such_skill")
        #expect(diff.status == 64 && diff.stderr.contains("no skill, tool or requirements.txt named 'no_such_skill' in HEAD or in dev"))

        let long = String(repeating: "n", count: 1_000)
        for (file, message) in [
            ("environmentz: {}\n", "codemode.yaml: unknown setting 'environmentz' at the top level; codemode.yaml has 'environments' and 'promotion'"),
            ("environments:\n  a..b: { url: \"\(server.url)\", prefix: p }\n", "codemode.yaml: environment name 'a..b' is not valid"),
            ("\(long): 1\n", "codemode.yaml: unknown setting 'nnnn"),
        ] {
            try fixture.write("codemode.yaml", file)
            let list = try codemode("env", "list")
            #expect(list.status == 1 && list.stderr.hasPrefix("codemode: \(message)"), "\(list.stderr.prefix(400))")
            #expect(list.stderr.split(separator: "\n").count == 1 && list.stderr.count < 300)
        }
    }

    @Test func aShallowCloneIsToldHowToDeepen() throws {
        #expect(try codemode("push", "dev").status == 0)
        try fixture.write("skills/double.py", SyncCommandTests.skill.replacingOccurrences(of: "x * 2", with: "x + x"))
        try fixture.commitAll("two")
        #expect(try codemode("push", "dev").status == 0)
        let shallow = try GitFixture(initialize: false)
        try shallow.git("clone", "--quiet", "--depth", "1", "file://\(fixture.workTree.path)", shallow.workTree.path, in: shallow.root)
        for command in [["status", "dev"], ["push", "dev"], ["log", "dev"]] {
            let result = try ProcessRunner.run(ProcessRunner.codemodeExecutable, command, in: shallow.workTree, environment: shallow.environment)
            #expect(result.status == 1 && result.stderr.contains("this clone is shallow") && result.stderr.contains("git fetch --unshallow"),
                    "\(command): \(result.stderr)")
        }
    }
}
