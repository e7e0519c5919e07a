import CodeModeCore
import CodeModeRedis
import Foundation
import Synchronization
import Testing
import TestSupport

@Suite("codemode store")
final class StoreCommandTests {
    let server: RedisServer
    let folder: TemporaryDirectory

    init() throws {
        server = try RedisServer()
        folder = try TemporaryDirectory("store")
    }

    func codemode(_ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        try ProcessRunner.codemode(arguments, in: directory ?? folder.url)
    }

    func writeSkills(_ count: Int, into relative: String = "skills", start: Int = 0) throws {
        for index in start..<(start + count) {
            try folder.write("\(relative)/skill_\(index).py", SkillSourceSamples.realistic(index: index, bodyLines: 6))
        }
    }

    @Test func bootstrapPullDiffShowsNoChange() throws {
        let prefix = server.uniquePrefix()
        try writeSkills(5)
        // A skill written by a Python agent with a description its source lacks.
        let connection = try RedisConnection(url: server.url)
        _ = try connection.command(["HSET", "\(prefix):skills:__skills__", "agent_made",
            #"{"name": "agent_made", "description": "Made by an agent.", "source": "async def run(x: int) -> int:\n    return x * 2\n", "parameters": []}"#].map { Array($0.utf8) })

        let bootstrap = try codemode(["store", "bootstrap", "--source", ".", "--target", "\(server.url)", "--prefix", prefix])
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")
        #expect(bootstrap.stdout.contains("  Added: skill_0"))
        #expect(bootstrap.stdout.contains("Bootstrapped 5 skills"))

        let dest = try TemporaryDirectory("pulled")
        let pull = try codemode(["store", "pull", "--dest", dest.path, "--target", "\(server.url)", "--prefix", prefix])
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(try dest.read("agent_made.py").hasPrefix("\"\"\"Made by an agent.\"\"\""))
        #expect(try dest.read("skill_3.py") == (try folder.read("skills/skill_3.py")))

        let diff = try codemode(["store", "diff", "--source", dest.path, "--target", "\(server.url)", "--prefix", prefix, "--exit-code"])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(!diff.stdout.contains("~") && !diff.stdout.contains("+") && !diff.stdout.contains("- "))

        // A second bootstrap writes nothing.
        let again = try codemode(["store", "bootstrap", "--source", ".", "--target", "\(server.url)", "--prefix", prefix, "--json"])
        let report = try JSONParser.parse(again.stdout)
        #expect(report["added"] == .array([]) && report["updated"] == .array([]) && report["unchanged"] == .integer(5))
    }

    @Test func diffReportsEachKindAndExits2() throws {
        let prefix = server.uniquePrefix()
        try writeSkills(3)
        _ = try codemode(["store", "bootstrap", "--source", ".", "--target", "\(server.url)", "--prefix", prefix])
        try folder.write("skills/skill_1.py", "async def run():\n    return 'edited'\n")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("skills/skill_2.py"))
        try folder.write("skills/local_only.py", "async def run():\n    return 1\n")
        let diff = try codemode(["store", "diff", "--source", ".", "--target", "\(server.url)", "--prefix", prefix, "--exit-code"])
        #expect(diff.status == 2)
        #expect(diff.stdout == "  - local_only (removed from store)\n  = skill_0\n  ~ skill_1 (modified)\n  + skill_2 (agent-created)\n")
        let json = try JSONParser.parse(codemode(["store", "diff", "--source", ".", "--target", "\(server.url)", "--prefix", prefix, "--json"]).stdout)
        #expect(json["skills"]?.arrayValue?.compactMap { $0["status"]?.stringValue } == ["removed", "same", "modified", "added"])
    }

    @Test func pullNeverOverwritesLocalEditsWithoutForce() throws {
        let prefix = server.uniquePrefix()
        try writeSkills(2)
        _ = try codemode(["store", "bootstrap", "--source", ".", "--target", "\(server.url)", "--prefix", prefix])
        let dest = try TemporaryDirectory("dest")
        try dest.write("skill_0.py", "async def run():\n    return 'my local edit'\n")
        let refused = try codemode(["store", "pull", "--dest", dest.path, "--target", "\(server.url)", "--prefix", prefix])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("skill_0.py") && refused.stderr.contains("--force"))
        #expect(try dest.read("skill_0.py") == "async def run():\n    return 'my local edit'\n")
        #expect(!dest.exists("skill_1.py"))
        let forced = try codemode(["store", "pull", "--dest", dest.path, "--target", "\(server.url)", "--prefix", prefix, "--force"])
        #expect(forced.status == 0)
        #expect(try dest.read("skill_0.py") == (try folder.read("skills/skill_0.py")))
    }

    /// A reader polling HLEN during `bootstrap --clear` sees the old count or the new one only.
    @Test func clearReplacesTheSetAtomically() throws {
        let prefix = server.uniquePrefix()
        try writeSkills(600, into: "old")
        _ = try codemode(["store", "bootstrap", "--source", "old", "--target", "\(server.url)", "--prefix", prefix])
        try writeSkills(400, into: "new", start: 300)
        let url = server.url
        let key = "\(prefix):skills:__skills__"
        let stop = ManagedAtomicFlag()
        let counts = SeenCounts()
        let poller = Thread {
            guard let connection = try? RedisConnection(url: url) else { return }
            while !stop.isSet {
                if case .integer(let count)? = try? connection.command(["HLEN", key].map { Array($0.utf8) }) {
                    counts.seen.withLock { _ = $0.insert(count) }
                }
            }
        }
        poller.start()
        let result = try codemode(["store", "bootstrap", "--source", "new", "--target", "\(server.url)", "--prefix", prefix, "--clear"])
        stop.set()
        while !poller.isFinished { usleep(1_000) }
        let seen = counts.seen.withLock { $0 }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  Removed: skill_0"))
        #expect(seen.isSubset(of: [600, 400]), "saw \(seen.sorted())")
        #expect(seen.contains(600))
    }

    @Test func legacyKeysAreDetectedAndMigrated() throws {
        let prefix = server.uniquePrefix()
        let connection = try RedisConnection(url: server.url)
        let value = #"{"name": "old", "description": "Old one.", "source": "async def run():\n    return 1\n", "parameters": []}"#
        _ = try connection.command(["HSET", "\(prefix):__skills__", "old", value].map { Array($0.utf8) })
        let listed = try codemode(["store", "list", "--target", "\(server.url)", "--prefix", prefix])
        #expect(listed.stderr.contains("\(prefix):__skills__") && listed.stderr.contains("codemode store migrate"))
        #expect(listed.stdout.contains("0 skills"))

        let migrated = try codemode(["store", "migrate", "--target", "\(server.url)", "--prefix", prefix])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(try connection.command(["EXISTS", "\(prefix):__skills__"].map { Array($0.utf8) }) == .integer(0))
        #expect(try connection.command(["HGET", "\(prefix):skills:__skills__", "old"].map { Array($0.utf8) }) == .string(Array(value.utf8)))
        let after = try codemode(["store", "list", "--target", "\(server.url)", "--prefix", prefix])
        #expect(after.stderr.isEmpty)
        #expect(after.stdout.contains("  old: Old one."))
    }

    @Test func invalidSkillsAreReportedAndNeverWritten() throws {
        let prefix = server.uniquePrefix()
        try writeSkills(2)
        try folder.write("skills/broken.py", "async def run(:\n")
        let partial = try codemode(["store", "bootstrap", "--source", ".", "--target", "\(server.url)", "--prefix", prefix])
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("skills/broken.py:1"))
        #expect(partial.stdout.contains("Bootstrapped 2 skills"))

        // With --clear an invalid skill would vanish from the prefix: nothing is written at all.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("skills/skill_0.py"))
        let cleared = try codemode(["store", "bootstrap", "--source", ".", "--target", "\(server.url)", "--prefix", prefix, "--clear"])
        #expect(cleared.status == 1)
        #expect(cleared.stderr.contains("nothing was written"))
        let listed = try JSONParser.parse(codemode(["store", "list", "--target", "\(server.url)", "--prefix", prefix, "--json"]).stdout)
        #expect(listed.arrayValue?.compactMap { $0["name"]?.stringValue } == ["skill_0", "skill_1"])
    }

    @Test func unreachableServerIsOneLineAndExit69() throws {
        let start = Date()
        let result = try codemode(["store", "list", "--target", "redis://127.0.0.1:1", "--prefix", "x"])
        #expect(result.status == 69)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("127.0.0.1:1"))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func passwordsAreCheckedAndNeverPrinted() throws {
        let secured = try RedisServer(password: "s3cret-pw")
        try writeSkills(1)
        #expect(!"\(secured.url)".contains("s3cret-pw"))
        guard case .tcp(let host, let port) = secured.url.endpoint else { Issue.record("expected a TCP server"); return }
        let url = "redis://:s3cret-pw@\(host):\(port)"
        let ok = try codemode(["store", "bootstrap", "--source", ".", "--target", url, "--prefix", "p"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!ok.stdout.contains("s3cret-pw"))
        let wrong = try codemode(["store", "list", "--target", url.replacingOccurrences(of: "s3cret-pw", with: "wrong-pw"), "--prefix", "p"])
        #expect(wrong.status == 1)
        #expect(!wrong.stderr.contains("wrong-pw") && !wrong.stderr.contains("s3cret-pw"))
    }

    @Test func skillCommandsWorkOnAPrefix() throws {
        let prefix = server.uniquePrefix()
        try folder.write("greet.py", "async def run(name: str) -> str:\n    return name\n")
        let added = try codemode(["skill", "add", "greet", "--file", "greet.py", "--description", "Greets.", "--redis", "\(server.url)", "--prefix", prefix])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "created \(prefix):skills:__skills__[greet]: Greets.\n")
        let listed = try codemode(["skill", "list", "--redis", "\(server.url)", "--prefix", prefix])
        #expect(listed.stdout == "greet  Greets.\n")
    }
}

/// A flag one thread sets and another polls.
final class ManagedAtomicFlag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

/// The counts a polling thread saw.
final class SeenCounts: Sendable {
    let seen = Mutex(Set<Int>())
}
