import CodeModeCore
import CodeModeStorage
import Foundation

/// Serves the kernel's namespace calls from the session's storage: each call reads what it
/// needs when it is made, so skills another session creates are seen at once.
final class NamespaceHost {
    let storage: any StorageBackend
    let tools: ToolCatalog
    let dependencies: DependencyManager
    let policy: SkillPolicy
    /// The skills as last listed, while the storage's listing stays the same.
    private var catalog: SkillCatalog?

    init(storage: any StorageBackend, config: SubprocessConfig) {
        self.storage = storage
        policy = config.skillPolicy
        tools = ToolCatalog(toolsPath: config.toolsPath)
        dependencies = DependencyManager(config: config, storage: storage)
    }

    /// The reply to one call: its result, or the error the kernel raises in agent code. A
    /// failing storage is an error of that call, never the end of the session.
    func reply(to call: NamespaceCall) -> Result<JSONValue, NamespaceCallError> {
        do {
            return .success(try handle(call))
        } catch let error as NamespaceCallError {
            return .failure(error)
        } catch let error as StorageError {
            return .failure(NamespaceCallError(Self.pythonType(of: error), error.message))
        } catch let error as SkillNameError {
            return .failure(NamespaceCallError("ValueError", "\(error)"))
        } catch let error as ArtifactNameError {
            return .failure(NamespaceCallError("ValueError", "\(error)"))
        } catch let error as SessionError {
            return .failure(NamespaceCallError("RuntimeError", error.message))
        } catch {
            return .failure(NamespaceCallError("RuntimeError", "\(error)"))
        }
    }

    private func handle(_ call: NamespaceCall) throws -> JSONValue {
        switch call.method {
        case "skills.list": return try listSkills(knownVersion: call.params.first { $0.key == "known" }?.value)
        case "skills.search": return .array(try searchSkills(call.string("query"), limit: call.integer("limit", default: 5)).map(Self.summary))
        case "skills.get": return try skill(call).map(Self.details) ?? .null
        case "skills.load": return try loadSkill(call)
        case "skills.create": return Self.summary(try createSkill(call))
        case "skills.delete": return .bool(try storage.deleteSkill(named: SkillName(validating: call.string("name"))))
        case "artifacts.save": return try saveArtifact(call)
        case "artifacts.load": return try loadArtifact(call)
        case "artifacts.list": return .array(try storage.listArtifacts().map(Self.summary))
        case "artifacts.get": return try storage.artifact(named: ArtifactName(validating: call.string("name"))).map(Self.summary) ?? .null
        case "artifacts.exists": return .bool(try storage.artifact(named: ArtifactName(validating: call.string("name"))) != nil)
        case "artifacts.delete":
            _ = try storage.deleteArtifact(ArtifactName(validating: call.string("name")))
            return .null
        case "tools.list": return try tools.list(in: storage)
        case "tools.search": return try tools.search(call.string("query"), limit: call.integer("limit", default: 10), in: storage)
        case "tools.list_recipes": return try tools.recipes(of: call.string("name"), in: storage)
        case "tools.call": return try tools.call(call.string("name"), arguments: call.toolArguments(), in: storage)
        case let method where method.hasPrefix("deps."): return try dependencies.handle(call)
        default:
            throw NamespaceCallError("ValueError", "Unknown RPC method: \(call.method)")
        }
    }

    // MARK: Skills

    /// The skills whose name, description or parameter names best match `query`.
    func searchSkills(_ query: String, limit: Int) throws -> [Skill] {
        try currentCatalog().search(query, limit: limit)
    }

    /// `{"version", "skills"}`, or `{"version", "unchanged": true}` when the kernel already
    /// holds the listing of that version.
    private func listSkills(knownVersion: JSONValue?) throws -> JSONValue {
        let catalog = try currentCatalog()
        let version = catalog.version.map(JSONValue.integer) ?? .null
        if let known = catalog.version, knownVersion == .integer(known) {
            return .object([JSONMember("version", version), JSONMember("unchanged", .bool(true))])
        }
        return .object([JSONMember("version", version), JSONMember("skills", .array(catalog.summaries))])
    }

    /// The catalog of the storage's listing now: the one kept when the listing is the same.
    private func currentCatalog() throws -> SkillCatalog {
        let skills = try storage.listSkills().skills
        let version = storage.skillsVersion
        if let catalog, let version, catalog.version == version { return catalog }
        let fresh = SkillCatalog(skills, version: version, summary: Self.summary)
        catalog = fresh
        return fresh
    }

    private func skill(_ call: NamespaceCall) throws -> Skill? {
        try storage.skill(named: SkillName(validating: call.string("name")))
    }

    /// What `skills.invoke` runs: the source, and the path its tracebacks name.
    private func loadSkill(_ call: NamespaceCall) throws -> JSONValue {
        let name = try call.string("name")
        // A name that cannot exist is simply not found, as py-code-mode reports it.
        guard let valid = try? SkillName(validating: name), let skill = try storage.skill(named: valid) else { return .null }
        return .object([JSONMember("source", .string(skill.source)), JSONMember("path", .string(storage.skillLocation(valid)))])
    }

    private func createSkill(_ call: NamespaceCall) throws -> Skill {
        let name = try SkillName(validating: call.string("name"))
        let description = try call.optionalString("description", default: "")
        let source = try call.string("source")
        do {
            return try saveSkill(name, source: source, description: description)
        } catch let error as SkillSourceError {
            throw NamespaceCallError("ValueError", "skill '\(name)': \(error)")
        }
    }

    /// Saves a skill the session's code or its MCP client made, unless the policy forbids what
    /// it does: then nothing is saved and the error names each finding.
    func saveSkill(_ name: SkillName, source: String, description: String) throws -> Skill {
        let findings = policy.findings(in: Array(source.utf8), path: storage.skillLocation(name))
        guard findings.isEmpty else {
            let shown = findings.prefix(5).map { "line \($0.line.map(String.init) ?? "-"): \($0.message)" }.joined(separator: "; ")
            throw StorageError(.invalidInput, "skill '\(name)' was not saved, it breaks the policy: \(shown)\(findings.count > 5 ? "; …" : "")")
        }
        return try storage.saveSkill(name, source: source, description: description.isEmpty ? nil : description, replacing: true).skill
    }

    /// `Skill(name, description, params)` of the subprocess executor; params maps each
    /// parameter to its description, else its type.
    static func summary(_ skill: Skill) -> JSONValue {
        .object([
            JSONMember("name", .string(skill.name.rawValue)),
            JSONMember("description", .string(skill.description)),
            JSONMember("params", .object(skill.parameters.map { JSONMember($0.name, .string($0.description.isEmpty ? $0.type : $0.description)) })),
        ])
    }

    static func details(_ skill: Skill) -> JSONValue {
        guard case .object(var members) = summary(skill) else { return summary(skill) }
        members.insert(JSONMember("source", .string(skill.source)), at: 2)
        return .object(members)
    }

    // MARK: Artifacts

    private func saveArtifact(_ call: NamespaceCall) throws -> JSONValue {
        let name = try ArtifactName(validating: call.string("name"))
        let data = try call.value("data")
        let value: ArtifactValue
        if let bytes = TaggedBytes.decode(data) {
            value = .bytes(bytes)
        } else if case .string(let text) = data {
            value = .text(text)
        } else if case .object = data {
            value = .json(data)
        } else if case .array = data {
            value = .json(data)
        } else {
            // The kernel sends any other value as str(value), as py-code-mode stores it.
            throw NamespaceCallError("TypeError", "artifacts.save(): data must be str, bytes, dict or list")
        }
        let description = try call.optionalString("description", default: "")
        return Self.summary(try storage.saveArtifact(name, value: value, description: description, metadata: []))
    }

    private func loadArtifact(_ call: NamespaceCall) throws -> JSONValue {
        let name = try ArtifactName(validating: call.string("name"))
        do {
            switch try storage.loadArtifact(name) {
            case .text(let text): return .string(text)
            case .bytes(let data): return TaggedBytes.encode(data)
            case .json(let value): return value
            }
        } catch let error as StorageError where error.kind == .notFound {
            throw NamespaceCallError("ArtifactNotFoundError", "Artifact '\(name)' not found")
        }
    }

    /// `ArtifactMeta(name, path, description, created_at)` of the subprocess executor.
    static func summary(_ record: ArtifactRecord) -> JSONValue {
        .object([
            JSONMember("name", .string(record.name.rawValue)),
            JSONMember("path", .string(record.path)),
            JSONMember("description", .string(record.description)),
            JSONMember("created_at", .string(record.createdAt)),
        ])
    }

    private static func pythonType(of error: StorageError) -> String {
        switch error.kind {
        case .notFound: "KeyError"
        case .alreadyExists: "FileExistsError"
        case .invalidInput, .corrupt: "ValueError"
        case .io: "OSError"
        }
    }
}
