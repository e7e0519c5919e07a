import CodeModeCore
import CodeModeGit
import CodeModeRedis
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

@Suite("fetch")
final class FetchTests {
    let server: RedisServer

    init() throws {
        server = try RedisServer()
    }

    func fetch(_ fixture: SyncFixture, _ environment: String = "dev") throws -> FetchResult {
        try fixture.library().fetch(fixture.environment(environment))
    }

    @Test func snapshotsAreCommitsMadeOnlyWhenThePrefixChanged() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.commit("empty library")
        try fixture.agentSavesSkill("one")
        let first = try fetch(fixture)
        #expect(first.isNew && first.previous == nil && first.added == ["skills/one.py"])
        let again = try fetch(fixture)
        #expect(!again.isNew && again.snapshot == first.snapshot, "nothing changed, no commit")

        try fixture.agentSavesSkill("two")
        try fixture.agentSavesSkill("one", returning: "11")
        let third = try fetch(fixture)
        #expect(third.isNew && third.previous == first.snapshot)
        #expect(third.added == ["skills/two.py"] && third.changed == ["skills/one.py"] && third.deleted.isEmpty)
        let ref = "refs/codemode/dev"
        #expect(try fixture.git.git("rev-parse", "\(ref)^") == first.snapshot?.hex)
        let message = try fixture.git.git("log", "-1", "--format=%an <%ae>%n%B", ref)
        #expect(message.hasPrefix("codemode <dev@\(server.url)/\(fixture.prefixes["dev"]!)>\nfetch dev: 1 added, 1 changed, 0 deleted"))
        #expect(message.contains("added:\n  skills/two.py") && message.contains("changed:\n  skills/one.py"))
        #expect(try fixture.git.git("reflog", ref).split(separator: "\n").count == 2)
        try fixture.git.git("fsck", "--strict")
    }

    /// The cache of known values only saves reading them: a mapping to a file the repository
    /// lacks is not trusted, and the value is read and rendered again.
    @Test func aRememberedFileTheRepositoryLacksIsReadAgain() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.commit("empty library")
        try fixture.agentSavesSkill("one", description: "The one.")
        let value = try #require(try fixture.storedSkills("dev")["one"])
        let missing = ObjectID.blobID(for: Array("a file no repository has".utf8))
        try FileManager.default.createDirectory(at: fixture.git.url(".git/codemode"), withIntermediateDirectories: true)
        try Data(SkillFileCache.header + ObjectID.blobID(for: value).raw + missing.raw).write(to: fixture.git.url(".git/codemode/skill-files"))
        let result = try fetch(fixture)
        #expect(result.added == ["skills/one.py"])
        #expect(try fixture.git.git("show", "refs/codemode/dev:skills/one.py").hasPrefix("\"\"\"The one.\"\"\""))
        try fixture.git.git("fsck", "--strict")
    }

    /// Corrupt or foreign entries are reported by key and field and left out; the others are
    /// fetched, and a push of the same name overwrites a corrupt entry.
    @Test func badEntriesAreReportedAndTheRestFetched() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("broken")
        try fixture.commit("library")
        try fixture.agentSavesSkill("good")
        let connection = try fixture.connection()
        try connection.command("HSET", fixture.keys("dev").skills, "broken", "{not json")
        try connection.command("HSET", fixture.keys("dev").skills, "bad-name", #"{"name": "bad-name", "description": "", "source": "async def run(): pass\n", "parameters": []}"#)
        try connection.command("HSET", fixture.keys("dev").tools, "jq", #"{"name": "other"}"#)
        let result = try fetch(fixture)
        #expect(result.added == ["skills/good.py"])
        let problems = result.problems.map(\.description).joined(separator: "\n")
        #expect(problems.contains("\(fixture.keys("dev").skills)[broken]") && problems.contains("corrupt entry"))
        #expect(problems.contains("\(fixture.keys("dev").skills)[bad-name]") && problems.contains("invalid skill name"))
        #expect(problems.contains("\(fixture.keys("dev").tools)[jq]"))
        let pushed = try fixture.push("dev")
        #expect(pushed.writes.map(\.item.path) == ["skills/broken.py"])
        #expect(String(decoding: try fixture.storedSkills("dev")["broken"] ?? [], as: UTF8.self).hasPrefix(#"{"name": "broken""#))
    }

    /// py-code-mode lists such an entry under the JSON's name: every read says so, not only the first.
    @Test func anEntryWhoseJSONNamesAnotherSkillIsReportedEachTimeAndKept() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.commit("library")
        try fixture.connection().command("HSET", fixture.keys("dev").skills, "alias",
                                         #"{"name": "original", "description": "Renamed by hand.", "source": "async def run():\n    return 1\n", "parameters": []}"#)
        for _ in 0..<2 {
            let result = try fetch(fixture)
            #expect(result.problems.map(\.description) == ["\(fixture.keys("dev").skills)[alias]: the JSON inside names the skill 'original'; py-code-mode lists it as 'original', CodeMode as 'alias', the field it is stored under — store it under one name (kept)"])
        }
        #expect(try fixture.status("dev").problems.count == 1)
        #expect(try fixture.pull("dev", branch: "review/alias").problems.count == 1)
        #expect(try fixture.git.git("show", "review/alias:skills/alias.py").contains("return 1"))
    }

    @Test func passwordsNeverReachCommits() throws {
        let secured = try RedisServer(password: "s3cret-pw")
        let fixture = try SyncFixture(server: secured)
        try fixture.commit("library")
        try fixture.agentSavesSkill("one")
        _ = try fetch(fixture)
        let log = try fixture.git.git("log", "--format=%an %ae %cn %ce %B", "refs/codemode/dev")
        #expect(!log.contains("s3cret-pw") && log.contains("dev@redis://127.0.0.1"))
    }

    @Test func aFirstFetchOfManySkillsWritesOnePack() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.commit("empty library")
        try fixture.agentSavesRealisticSkills(600)
        let result = try fetch(fixture)
        #expect(result.added.count == 600)
        let packs = try FileManager.default.contentsOfDirectory(atPath: fixture.git.url(".git/objects/pack").path).filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 1)
        let loose = try fixture.git.git("count-objects").split(separator: " ").first.flatMap { Int($0) } ?? -1
        #expect(loose < 50, "the blobs are in the pack, not loose (\(loose) loose objects)")
        #expect(try fixture.git.git("ls-tree", "-r", "--name-only", "refs/codemode/dev").split(separator: "\n").count >= 600)
        try fixture.git.git("fsck", "--strict")
    }

    @Test func aConnectionDroppedMidFetchLeavesTheRefWhereItWas() throws {
        let fixture = try SyncFixture(server: server)
        try fixture.commit("empty library")
        try fixture.agentSavesRealisticSkills(400)
        let first = try fetch(fixture)
        try fixture.agentSavesSkill("new_one")

        // Cut in the reply of value hashes; then, with the cache of known values gone, in the
        // middle of the values themselves.
        for (cut, forgetValues) in [(8_000, false), (60_000, true)] {
            if forgetValues { try FileManager.default.removeItem(at: fixture.git.url(".git/codemode/skill-files")) }
            let proxy = try CuttingProxy(to: server.url, cutAfter: cut)
            try fixture.point("dev", at: proxy.url)
            #expect(throws: RedisError.self) { try self.fetch(fixture) }
            #expect(try fixture.trackingRef("dev") == first.snapshot?.hex)
        }

        try fixture.point("dev", at: server.url)
        let retried = try fetch(fixture)
        #expect(retried.added == ["skills/new_one.py"] && retried.previous == first.snapshot)
    }
}

@Suite("codemode.yaml environments")
struct EnvironmentConfigTests {
    func load(_ text: String, variables: [String: String] = [:]) throws -> EnvironmentConfig {
        let folder = try TemporaryDirectory("env")
        try folder.write("codemode.yaml", text)
        return try EnvironmentConfig.load(libraryFolder: folder.url, variables: variables)
    }

    @Test func environmentsVariablesAndPromotion() throws {
        let config = try load("""
            environments:
              dev: { url: redis://localhost:6379/0, prefix: app-dev }
              prod: { url: "${PROD_URL}", prefix: "app-${STAGE}" }
              broken: { url: "${UNSET_URL}", prefix: x }
            promotion: [dev, prod]
            """, variables: ["PROD_URL": "redis://:pw@prod.internal:6380/2", "STAGE": "prod"])
        #expect(config.environments.map(\.name) == ["dev", "prod", "broken"])
        let prod = try config.environment(named: "prod")
        #expect(prod.prefix == "app-prod" && prod.displayURL == "redis://:***@prod.internal:6380/2")
        #expect(try prod.resolvedURL().password == "pw")
        #expect(prod.snapshotAuthorEmail == "prod@redis://prod.internal:6380/2/app-prod")
        #expect(try config.stage(before: "prod").name == "dev")
        #expect(throws: SyncError(.failed, "environment 'broken': its url uses ${UNSET_URL}, which is not set; export UNSET_URL (e.g. UNSET_URL=redis://host:6379/0)")) {
            try config.environment(named: "broken").resolvedURL()
        }
        #expect(throws: SyncError(.usage, "unknown environment 'qa'; codemode.yaml defines dev, prod, broken")) {
            try config.environment(named: "qa")
        }
        #expect(throws: SyncError.self) { try config.stage(before: "dev") }
    }

    @Test(arguments: [
        ("environments: [dev]\n", "'environments' must be a mapping"),
        ("environments:\n  dev: { prefix: p }\n", "environment 'dev' has no 'url'"),
        ("environments:\n  dev: { url: redis://h, prefix: p, extra: 1 }\n", "unknown setting 'extra'"),
        ("environments:\n  dev: { url: redis://h, prefix: p }\npromotion: [dev, qa]\n", "'promotion' names 'qa'"),
        ("environments:\n  dev: { url: redis://h, prefix: \"a b\" }\n", "invalid prefix 'a b'"),
        ("environments:\n  ../x: { url: redis://h, prefix: p }\n", "environment name '../x' is not valid"),
        ("environments:\n  dev: { url: redis://h, prefix: p\n", "invalid YAML"),
    ])
    func badFilesGetOneClearLine(text: String, expected: String) throws {
        #expect {
            _ = try load(text)
        } throws: { error in
            let message = (error as? SyncError)?.message ?? ""
            return message.hasPrefix("codemode.yaml") && message.contains(expected) && !message.contains("\n")
        }
    }
}
