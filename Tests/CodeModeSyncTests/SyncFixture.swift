import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

/// A library in a real git repository (checked with the `git` command too) whose
/// `codemode.yaml` points dev, staging and prod at their own prefixes of a real redis-server.
final class SyncFixture {
    let git: GitFixture
    let server: RedisServer
    /// The library folder inside the work tree ("" at the root).
    let folder: String
    /// Environment name → prefix.
    let prefixes: [String: String]

    init(server: RedisServer, folder: String = "") throws {
        self.server = server
        self.folder = folder
        git = try GitFixture()
        prefixes = Dictionary(uniqueKeysWithValues: ["dev", "staging", "prod"].map { ($0, server.uniquePrefix($0)) })
        let environments = ["dev", "staging", "prod"].map { "  \($0): { url: \"\(server.url.urlWithPassword)\", prefix: \(prefixes[$0]!) }\n" }.joined()
        try write("codemode.yaml", "environments:\n\(environments)promotion: [dev, staging, prod]\n")
    }

    private init(git: GitFixture, server: RedisServer, folder: String, prefixes: [String: String]) {
        self.git = git
        self.server = server
        self.folder = folder
        self.prefixes = prefixes
    }

    /// A teammate's checkout: `git clone` of this repository (no tracking refs come with it),
    /// on the same environments.
    func clone(as identity: Signature = Signature(name: "Teammate", email: "teammate@example.com")) throws -> SyncFixture {
        let clone = try GitFixture(identity: nil, initialize: false)
        try clone.git("clone", "--quiet", git.workTree.path, clone.workTree.path, in: clone.root)
        try clone.git("config", "user.name", identity.name)
        try clone.git("config", "user.email", identity.email)
        return SyncFixture(git: clone, server: server, folder: folder, prefixes: prefixes)
    }

    /// Brings another clone's branch into this one, as `git pull` from a teammate does.
    func gitPull(from other: SyncFixture) throws {
        try git.git("pull", "--quiet", "--no-rebase", "--no-edit", other.git.workTree.path, "main")
    }

    /// Points an environment at another server (an uncommitted edit of codemode.yaml).
    func point(_ environment: String, at url: RedisURL) throws {
        let text = try read("codemode.yaml")
        let line = text.split(separator: "\n").first { $0.hasPrefix("  \(environment):") }!
        try write("codemode.yaml", text.replacingOccurrences(of: String(line), with: "  \(environment): { url: \"\(url.urlWithPassword)\", prefix: \(prefixes[environment]!) }"))
    }

    /// The library folder.
    var base: URL { folder.isEmpty ? git.workTree : git.url(folder) }

    func path(_ libraryPath: String) -> String { folder.isEmpty ? libraryPath : "\(folder)/\(libraryPath)" }

    @discardableResult
    func write(_ libraryPath: String, _ contents: String) throws -> URL { try git.write(path(libraryPath), contents) }

    func read(_ libraryPath: String) throws -> String { try String(contentsOf: git.url(path(libraryPath)), encoding: .utf8) }

    func remove(_ libraryPath: String) throws { try FileManager.default.removeItem(at: git.url(path(libraryPath))) }

    /// Writes a skill file whose `run` returns `value`.
    func writeSkill(_ name: String, returning value: String = "1", description: String? = nil) throws {
        try write("skills/\(name).py", Self.skillSource(returning: value, description: description ?? "Skill \(name)."))
    }

    /// The `recipes:` of a valid tool file.
    static let recipes = "recipes:\n  run:\n    description: Run it.\n    params:\n      filter: {type: string, required: true}\n"

    static func skillSource(returning value: String, description: String) -> String {
        "\"\"\"\(description)\"\"\"\n\n\nasync def run(x: int = 0):\n    return \(value)\n"
    }

    @discardableResult
    func commit(_ message: String = "change") throws -> String { try git.commitAll(message) }

    func library() throws -> SyncLibrary { try SyncLibrary.open(base: base, variables: [:]) }

    func environment(_ name: String) throws -> Environment { try library().config.environment(named: name) }

    func keys(_ environment: String) -> RedisKeys { RedisKeys(prefix: prefixes[environment]!) }

    func connection() throws -> RedisConnection { try server.connect() }

    /// What an agent does through py-code-mode's `RedisStorage(prefix=P)`: one HSET of the
    /// skill JSON, written as Python's `json.dumps` writes it.
    func agentSavesSkill(_ name: String, returning value: String = "2", description: String = "Made by an agent.", in environment: String = "dev") throws {
        let skill = try Skill(name: SkillName(validating: name), source: "async def run(x: int = 0):\n    return \(value)\n")
        var value = SkillWireFormat.encode(skill)
        // py-code-mode stores the description beside a source that lacks it.
        value = Array(String(decoding: value, as: UTF8.self).replacingOccurrences(of: "\"description\": \"\"", with: "\"description\": \"\(description)\"").utf8)
        try connection().command([Array("HSET".utf8), Array(keys(environment).skills.utf8), Array(name.utf8), value])
    }

    /// `count` realistic skills `skill_0`… saved into dev in one HSET.
    func agentSavesRealisticSkills(_ count: Int) throws {
        var command = [Array("HSET".utf8), Array(keys("dev").skills.utf8)]
        for index in 0..<count {
            command.append(Array("skill_\(index)".utf8))
            command.append(try SkillWireFormatFixture.value(of: SkillSourceSamples.realistic(index: index, bodyLines: 8), name: "skill_\(index)"))
        }
        try connection().command(command)
    }

    func agentDeletesSkill(_ name: String, in environment: String = "dev") throws {
        try connection().command("HDEL", keys(environment).skills, name)
    }

    /// Every key of an environment's prefix with its `DUMP`: equal dumps are equal bytes.
    func prefixDump(_ environment: String) throws -> [String: [UInt8]] {
        let connection = try connection()
        var dump: [String: [UInt8]] = [:]
        for key in try connection.scan(match: "\(prefixes[environment]!):*") {
            if case .string(let bytes) = try connection.command([Array("DUMP".utf8), key]) { dump[String(decoding: key, as: UTF8.self)] = bytes }
        }
        return dump
    }

    /// The stored skill values of an environment, field → JSON bytes.
    func storedSkills(_ environment: String) throws -> [String: [UInt8]] {
        guard case .array(let items) = try connection().command("HGETALL", keys(environment).skills) else { return [:] }
        var values: [String: [UInt8]] = [:]
        for index in stride(from: 0, to: items.count, by: 2) {
            if case .string(let field) = items[index], case .string(let value) = items[index + 1] {
                values[String(decoding: field, as: UTF8.self)] = value
            }
        }
        return values
    }

    func trackingRef(_ environment: String) throws -> String? {
        let result = try git.runGit(["rev-parse", "--verify", "--quiet", "refs/codemode/\(environment)"])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    func pull(_ environment: String, branch: String? = nil) throws -> PullResult {
        let library = try library()
        return try library.pull(library.config.environment(named: environment), branch: branch)
    }

    /// The refusal a push throws, or nil when it succeeds.
    func pushRefusal(_ environment: String, force: Bool = false) throws -> SyncRefusal? {
        do {
            _ = try push(environment, force: force)
            return nil
        } catch let error as SyncError where error.refusal != nil {
            return error.refusal
        }
    }

    /// A push of HEAD by a library opened here, on the calling thread (a `SyncLibrary` and its
    /// repository belong to one thread; the fixture's folder is all that crosses).
    static func pushHead(base: URL, to environment: String) throws -> PushResult {
        let library = try SyncLibrary.open(base: base, variables: [:])
        let head = try #require(try library.repository.headCommit)
        return try library.push(library.config.environment(named: environment), PushRequest(kind: .push, commit: head))
    }

    func push(_ environment: String, force: Bool = false, dryRun: Bool = false) throws -> PushResult {
        let library = try library()
        var request = PushRequest(kind: .push, commit: try library.repository.headCommit!)
        request.force = force
        request.dryRun = dryRun
        return try library.push(library.config.environment(named: environment), request)
    }

    func status(_ environment: String) throws -> SyncStatus {
        let library = try library()
        return try library.status(library.config.environment(named: environment))
    }

    /// Item path → state, for compact expectations.
    func states(_ environment: String) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try status(environment).items.map { ($0.item.path, $0.state.rawValue) })
    }
}

extension RedisURL {
    /// The URL with its password, as a configuration file holds it (`description` hides it).
    var urlWithPassword: String {
        guard let password, case .tcp(let host, let port) = endpoint else { return "\(self)" }
        return "redis://:\(password)@\(host):\(port)/\(database)"
    }
}
