import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage
import Foundation

/// The `environments:` and `promotion:` of a library's `codemode.yaml`.
public struct EnvironmentConfig: Sendable {
    /// In the order of the file.
    public var environments: [Environment]
    /// Names, earliest stage first; empty when the file sets none.
    public var promotion: [String]
    /// The top-level `policy:`: what `validate` checks, and every environment adds to.
    public var policy = SkillPolicy()
    /// The top-level `sandbox:`: how sessions on the library folder isolate their kernel, and
    /// what every environment's `sandbox:` starts from.
    public var sandbox = SandboxSettings()

    /// A library without codemode.yaml: no environments, no policy, the default sandbox.
    public static let empty = EnvironmentConfig(environments: [], promotion: [])

    /// Reads `codemode.yaml` in `libraryFolder`; a library without one has no environments.
    /// `${VAR}` in a URL or prefix is read from `variables`; an unset one makes that
    /// environment unusable (reported when it is used), not the whole file.
    public static func load(libraryFolder: URL, variables: [String: String] = ProcessInfo.processInfo.environment) throws(SyncError) -> EnvironmentConfig {
        let path = libraryFolder.appendingPathComponent(FileStorage.configFileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            return EnvironmentConfig(environments: [], promotion: [])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SyncError(.failed, "\(FileStorage.configFileName): not UTF-8 text; save it as UTF-8")
        }
        let document: JSONValue
        do {
            document = try YAMLDocument.load(text)
        } catch {
            throw SyncError(.failed, "\(FileStorage.configFileName)\(error.line.map { ":\($0)" } ?? ""): invalid YAML: \(error.message)")
        }
        return try parse(document, variables: variables, folder: libraryFolder)
    }

    /// `folder` is where relative certificate paths start.
    static func parse(_ document: JSONValue, variables: [String: String], folder: URL) throws(SyncError) -> EnvironmentConfig {
        func bad(_ message: String) -> SyncError { SyncError(.failed, "\(FileStorage.configFileName): \(message)") }
        if document == .null { return EnvironmentConfig(environments: [], promotion: []) }
        guard case .object(let top) = document else { throw bad("expected a mapping at the top level") }
        if let unknown = top.first(where: { !topLevelSettings.contains($0.key) }) {
            throw bad("unknown setting '\(NameLength.shortened(unknown.key, longerThan: 60))' at the top level; codemode.yaml has \(topLevelSettings.map { "'\($0)'" }.joined(separator: " and "))")
        }
        let policy = try setting("policy", of: top, or: SkillPolicy(), bad: bad) { value throws(PolicyError) in try SkillPolicy.parse(value) }
        let sandbox = try setting("sandbox", of: top, or: SandboxSettings(), bad: bad) { value throws(PolicyError) in try SandboxSettings.parse(value) }
        var environments: [Environment] = []
        if let section = top.first(where: { $0.key == "environments" })?.value, section != .null {
            guard case .object(let entries) = section else {
                throw bad("'environments' must be a mapping of name → {url, prefix}")
            }
            for entry in entries {
                environments.append(try environment(entry, variables: variables, folder: folder, policy: policy, sandbox: sandbox, bad: bad))
            }
        }
        var promotion: [String] = []
        if let section = top.first(where: { $0.key == "promotion" })?.value, section != .null {
            guard case .array(let names) = section else { throw bad("'promotion' must be a list of environment names, as in [dev, staging, prod]") }
            for name in names {
                guard let name = name.stringValue, environments.contains(where: { $0.name == name }) else {
                    throw bad("'promotion' names \(name.stringValue.map { "'\($0)'" } ?? "a non-string"), which is not an environment; environments: \(environments.map(\.name).joined(separator: ", "))")
                }
                guard !promotion.contains(name) else { throw bad("'promotion' lists '\(name)' twice") }
                promotion.append(name)
            }
        }
        var config = EnvironmentConfig(environments: environments, promotion: promotion)
        config.policy = policy
        config.sandbox = sandbox
        return config
    }

    static let topLevelSettings = ["environments", "promotion", "policy", "sandbox"]

    /// How a session isolates its kernel: on `environment` (nil: the library folder or a
    /// revision), with `mode` from the command line when given; without a mode set anywhere,
    /// `auto` where it matters — for `mcp` (`serving`) and in the stages after the first —
    /// else `off`.
    public func sandbox(for environment: String?, mode: SandboxSettings.Mode?, serving: Bool) throws(SyncError) -> SandboxSettings {
        var settings = try environment.map { name throws(SyncError) in try self.environment(named: name).sandbox } ?? sandbox
        let laterStage = environment.flatMap { promotion.firstIndex(of: $0) }.map { $0 > 0 } ?? false
        settings.mode = mode ?? settings.mode ?? (serving || laterStage ? .auto : .off)
        return settings
    }

    private static func environment(_ entry: JSONMember, variables: [String: String], folder: URL, policy: SkillPolicy,
                                    sandbox: SandboxSettings, bad: (String) -> SyncError) throws(SyncError) -> Environment {
        let name = entry.key
        // The name becomes the ref refs/codemode/NAME, so git's rules for ref names apply too
        // (no "..", no ".lock" ending, …).
        guard name.count <= 100, name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil,
              (try? Repository.validReferenceName("refs/codemode/\(name)")) == true else {
            throw bad("environment name '\(NameLength.shortened(name, longerThan: 60))' is not valid; use up to 100 letters, digits, '.', '_' and '-', as a git ref name allows (it names the ref refs/codemode/NAME)")
        }
        guard case .object(let fields) = entry.value else { throw bad("environment '\(name)' must be a mapping with 'url' and 'prefix'") }
        guard let urlTemplate = fields.first(where: { $0.key == "url" })?.value.stringValue else {
            throw bad("environment '\(name)' has no 'url'; add e.g. url: redis://localhost:6379/0")
        }
        guard let prefixTemplate = fields.first(where: { $0.key == "prefix" })?.value.stringValue else {
            throw bad("environment '\(name)' has no 'prefix'; add e.g. prefix: myapp-\(name)")
        }
        if let unknown = fields.first(where: { !["url", "prefix", "tls", "policy", "gates", "verify", "sandbox"].contains($0.key) }) {
            throw bad("environment '\(name)': unknown setting '\(NameLength.shortened(unknown.key, longerThan: 60))'; an environment has 'url', 'prefix', 'tls', 'policy', 'gates', 'verify' and 'sandbox'")
        }
        var verify: [String] = []
        if let section = fields.first(where: { $0.key == "verify" })?.value, section != .null {
            guard case .array(let items) = section, items.allSatisfy({ $0.stringValue != nil }), !items.isEmpty else {
                throw bad("environment '\(name)': 'verify' must be a list of test files or folders, as in [tests/smoke]")
            }
            verify = items.compactMap(\.stringValue)
        }
        func inEnvironment(_ message: String) -> SyncError { bad("environment '\(name)': \(message)") }
        let gates = try setting("gates", of: fields, or: GateSettings(), bad: inEnvironment) { value throws(PolicyError) in try GateSettings.parse(value) }
        let environmentPolicy = try setting("policy", of: fields, or: policy, bad: inEnvironment) { value throws(PolicyError) in
            policy.adding(try SkillPolicy.parse(value))
        }
        let environmentSandbox = try setting("sandbox", of: fields, or: sandbox, bad: inEnvironment) { value throws(PolicyError) in
            try SandboxSettings.parse(value, over: sandbox)
        }
        let tlsSettings = try tlsSettings(fields.first(where: { $0.key == "tls" })?.value, environment: name, bad: bad)
        let prefix: String
        switch expand(prefixTemplate, variables) {
        case .success(let expanded): prefix = expanded
        case .failure(let variable): throw bad("environment '\(name)': the prefix uses ${\(variable)}, which is not set; export it")
        }
        if let problem = RedisStorage.problem(withPrefix: prefix) { throw bad("environment '\(name)': invalid prefix '\(prefix)': \(problem)") }
        let url: Result<RedisURL, SyncError>
        switch expand(urlTemplate, variables) {
        case .failure(let variable):
            url = .failure(SyncError(.failed, "environment '\(name)': its url uses ${\(variable)}, which is not set; export \(variable) (e.g. \(variable)=redis://host:6379/0)"))
        case .success(let text):
            do {
                url = .success(try apply(tlsSettings, to: RedisURL(parsing: text), environment: name, variables: variables, folder: folder))
            } catch let error as SyncError {
                url = .failure(error)
            } catch {
                url = .failure(SyncError(.failed, "environment '\(name)': \(error)"))
            }
        }
        return Environment(name: name, urlTemplate: urlTemplate, prefix: prefix, url: url, policy: environmentPolicy, gates: gates, verify: verify,
                           sandbox: environmentSandbox)
    }

    /// The setting `key` of a mapping as `parse` reads it, or `fallback` when it is absent or
    /// null; what `parse` finds wrong becomes the file's error through `bad`.
    private static func setting<Value>(_ key: String, of members: [JSONMember], or fallback: Value, bad: (String) -> SyncError,
                                       _ parse: (JSONValue) throws(PolicyError) -> Value) throws(SyncError) -> Value {
        guard let section = members.first(where: { $0.key == key })?.value, section != .null else { return fallback }
        do throws(PolicyError) {
            return try parse(section)
        } catch {
            throw bad(error.message)
        }
    }

    static let tlsSettingNames = ["ssl_ca_certs", "ssl_certfile", "ssl_keyfile", "ssl_cert_reqs"]

    /// `tls: {ssl_ca_certs: ..., ssl_certfile: ..., ssl_keyfile: ..., ssl_cert_reqs: none}`: the
    /// options of a `rediss://` URL's query, kept out of the URL.
    private static func tlsSettings(_ value: JSONValue?, environment name: String, bad: (String) -> SyncError) throws(SyncError) -> [String: String] {
        guard let value, value != .null else { return [:] }
        guard case .object(let members) = value else {
            throw bad("environment '\(name)': 'tls' must be a mapping of \(tlsSettingNames.joined(separator: ", "))")
        }
        var settings: [String: String] = [:]
        for member in members {
            guard tlsSettingNames.contains(member.key) else {
                throw bad("environment '\(name)': unknown tls setting '\(member.key)'; use \(tlsSettingNames.joined(separator: ", "))")
            }
            guard let text = member.value.stringValue else { throw bad("environment '\(name)': tls setting '\(member.key)' must be text") }
            settings[member.key] = text
        }
        return settings
    }

    /// The URL with the environment's `tls` settings (`${VAR}` expanded, relative paths from
    /// the library folder) on top of its query's.
    private static func apply(_ settings: [String: String], to url: RedisURL, environment name: String,
                              variables: [String: String], folder: URL) throws(SyncError) -> RedisURL {
        guard !settings.isEmpty else { return url }
        guard var options = url.tls else {
            throw SyncError(.failed, "environment '\(name)': 'tls' settings need a rediss:// url")
        }
        for (key, template) in settings {
            guard case .success(let text) = expand(template, variables) else {
                throw SyncError(.failed, "environment '\(name)': tls setting '\(key)' uses a variable that is not set; export it")
            }
            let path = text.hasPrefix("/") ? text : folder.appendingPathComponent(text).path
            switch key {
            case "ssl_ca_certs": options.caCertificates = path
            case "ssl_certfile": options.certificateFile = path
            case "ssl_keyfile": options.keyFile = path
            default:
                guard ["required", "none"].contains(text) else {
                    throw SyncError(.failed, "environment '\(name)': ssl_cert_reqs takes required or none")
                }
                options.verifiesCertificates = text == "required"
            }
        }
        if (options.certificateFile == nil) != (options.keyFile == nil) {
            throw SyncError(.failed, "environment '\(name)': a client certificate needs both ssl_certfile and ssl_keyfile")
        }
        var changed = url
        changed.tls = options
        return changed
    }

    /// `text` with each `${VAR}` replaced by its value, or the first variable that is unset.
    static func expand(_ text: String, _ variables: [String: String]) -> Result<String, UnsetVariable> {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let name = String(rest[start.upperBound..<end])
            guard let value = variables[name] else { return .failure(UnsetVariable(name: name)) }
            result += rest[..<start.lowerBound] + value
            rest = rest[rest.index(after: end)...]
        }
        return .success(result + rest)
    }

    struct UnsetVariable: Error, CustomStringConvertible {
        var name: String
        var description: String { name }
    }

    /// The environment called `name`; an unknown name is a usage error listing the known ones.
    public func environment(named name: String) throws(SyncError) -> Environment {
        guard let found = environments.first(where: { $0.name == name }) else {
            let known = environments.isEmpty
                ? "codemode.yaml defines no environments; add an 'environments:' section (docs/sync.md)"
                : "codemode.yaml defines \(environments.map(\.name).joined(separator: ", "))"
            throw SyncError(.usage, "unknown environment '\(name)'; \(known)")
        }
        return found
    }

    /// The stage promoted into `name`: the one before it in `promotion:`.
    public func stage(before name: String) throws(SyncError) -> Environment {
        _ = try environment(named: name)
        guard let position = promotion.firstIndex(of: name) else {
            throw SyncError(.usage, "'\(name)' is not in codemode.yaml's promotion order (\(promotion.isEmpty ? "none set" : promotion.joined(separator: " → "))); add it to 'promotion:'")
        }
        guard position > 0 else {
            throw SyncError(.usage, "'\(name)' is the first stage of the promotion order; push to it instead (codemode push \(name))")
        }
        return try environment(named: promotion[position - 1])
    }
}
