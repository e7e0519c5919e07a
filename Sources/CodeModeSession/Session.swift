import CodeModeCore
import CodeModeStorage
import Foundation

/// An agent's session: Python code run in a kernel that keeps its variables from cell to
/// cell, with the namespaces `skills` and `artifacts` served from `storage`.
///
/// All work happens on one serial queue, so calls from any task are taken in order.
public final class Session: @unchecked Sendable {
    // The storage and executor are touched only on `queue`.
    private let queue = DispatchQueue(label: "codemode.session")
    private let host: NamespaceHost
    private let executor: SubprocessExecutor
    private var closed = false

    public init(storage: any StorageBackend, executor: SubprocessExecutor = SubprocessExecutor()) {
        host = NamespaceHost(storage: storage, config: executor.config)
        self.executor = executor
    }

    deinit {
        executor.close()
        host.tools.close()
    }

    /// Where the session's library is, for messages.
    public var location: String { host.storage.location }

    /// Starts the kernel now rather than at the first `run`.
    public func start() async throws {
        try await onQueue { try self.executor.start(host: self.host) }
    }

    /// Runs one cell. Errors of the code are in the result; thrown errors are the session's.
    /// `timeout` in seconds, 0 for no limit (``CellTimeout``); nil: the executor's default.
    public func run(_ code: String, timeout: Double? = nil) async throws -> ExecutionResult {
        let limit = try CellTimeout.effective(requested: timeout, default: executor.config.defaultTimeout)
        return try await onQueue { try self.executor.execute(code, limit: limit, host: self.host) }
    }

    /// Forgets every variable: the next cell runs in a fresh kernel with the same namespaces.
    public func reset() async throws {
        try await onQueue { try self.executor.reset(host: self.host) }
    }

    /// Stops the kernel; later calls throw.
    public func close() async {
        try? await onQueue {
            self.executor.close()
            self.host.tools.close()
            self.closed = true
        }
    }

    // MARK: Skills

    public func listSkills() async throws -> [Skill] {
        try await onQueue { try self.host.storage.listSkills().skills }
    }

    /// The skills that best match `query` by name, description and parameter names.
    public func searchSkills(_ query: String, limit: Int = 5) async throws -> [Skill] {
        try await onQueue { try self.host.searchSkills(query, limit: limit) }
    }

    public func getSkill(_ name: String) async throws -> Skill? {
        try await onQueue { try self.host.storage.skill(named: SkillName(validating: name)) }
    }

    /// Creates or replaces a skill; a description the source lacks is written into it.
    public func addSkill(name: String, source: String, description: String = "") async throws -> Skill {
        try await onQueue {
            try self.host.storage.saveSkill(SkillName(validating: name), source: source,
                                            description: description.isEmpty ? nil : description, replacing: true).skill
        }
    }

    public func removeSkill(_ name: String) async throws -> Bool {
        try await onQueue { try self.host.storage.deleteSkill(named: SkillName(validating: name)) }
    }

    // MARK: Tools

    /// Each tool as py-code-mode's `Tool.to_dict()`: name, description, tags, callables.
    public func listTools() async throws -> JSONValue {
        try await onQueue { try self.host.tools.list(in: self.host.storage) }
    }

    public func searchTools(_ query: String, limit: Int = 10) async throws -> JSONValue {
        try await onQueue { try self.host.tools.search(query, limit: limit, in: self.host.storage) }
    }

    // MARK: Dependencies

    /// The library's dependencies (the storage's and the configuration's).
    public func listDeps() async throws -> [String] {
        try await onQueue { try self.host.dependencies.configuredSpecs().map(\.text) }
    }

    /// Validates and installs `package`, then stores it: `{"installed", "already_present", "failed"}`.
    public func addDep(_ package: String) async throws -> JSONValue {
        try await onQueue { try self.host.dependencies.add(package) }
    }

    /// Removes `package` from the storage (nothing is uninstalled): py-code-mode's
    /// `{"removed", "not_found", "failed", "removed_from_config"}`.
    public func removeDep(_ package: String) async throws -> JSONValue {
        try await onQueue {
            let removed = try self.host.dependencies.remove(package)
            return .object([
                JSONMember("removed", .array(removed ? [.string(package)] : [])),
                JSONMember("not_found", .array(removed ? [] : [.string(package)])),
                JSONMember("failed", .array([])),
                JSONMember("removed_from_config", .bool(removed)),
            ])
        }
    }

    /// Installs every configured dependency.
    public func syncDeps() async throws -> JSONValue {
        try await onQueue { try self.host.dependencies.sync() }
    }

    // MARK: Artifacts

    public func listArtifacts() async throws -> [ArtifactRecord] {
        try await onQueue { try self.host.storage.listArtifacts() }
    }

    public func saveArtifact(_ name: String, _ value: ArtifactValue, description: String = "") async throws -> ArtifactRecord {
        try await onQueue {
            try self.host.storage.saveArtifact(ArtifactName(validating: name), value: value, description: description, metadata: [])
        }
    }

    public func loadArtifact(_ name: String) async throws -> ArtifactValue {
        try await onQueue { try self.host.storage.loadArtifact(ArtifactName(validating: name)) }
    }

    public func deleteArtifact(_ name: String) async throws -> Bool {
        try await onQueue { try self.host.storage.deleteArtifact(ArtifactName(validating: name)) }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard !self.closed else {
                    continuation.resume(throwing: SessionError(.closed, "the session is closed"))
                    return
                }
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
