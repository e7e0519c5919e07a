import CodeModeCore
import CodeModeStorage
import Dispatch
import Foundation

/// An agent's session: Python code run in a kernel that keeps its variables from cell to
/// cell, with the namespaces `skills` and `artifacts` served from `storage`.
///
/// An actor: calls from any task are taken one at a time, and the compiler checks that the
/// kernel, the storage and the tools are touched by nothing else. Its work blocks (pipes to
/// the kernel, storage I/O, tool processes), so it runs on a thread of its own
/// (``SessionExecutor``), never on the shared pool of tasks.
public actor Session {
    private let host: NamespaceHost
    private let executor: SubprocessExecutor
    private let serialExecutor = SessionExecutor()
    private var closed = false
    /// Where the session's library is, for messages.
    public nonisolated let location: String

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        serialExecutor.asUnownedSerialExecutor()
    }

    /// A session dropped without `close()` still stops its kernel and tool servers: the
    /// executor and the tool catalog stop them when they go away with it.
    public init(storage: any StorageBackend, executor: SubprocessExecutor = SubprocessExecutor()) {
        location = storage.location
        host = NamespaceHost(storage: storage, config: executor.config)
        self.executor = executor
    }

    /// Starts the kernel now rather than at the first `run`.
    public func start() throws {
        try open()
        try executor.start(host: host)
    }

    /// Whether the kernel runs in a sandbox (it is started if it was not).
    public func isIsolated() throws -> Bool {
        try start()
        return executor.isIsolated
    }

    /// Runs one cell. Errors of the code are in the result; thrown errors are the session's.
    /// `timeout` in seconds, 0 for no limit (``CellTimeout``); nil: the executor's default.
    public func run(_ code: String, timeout: Double? = nil) throws -> ExecutionResult {
        try open()
        let limit = try CellTimeout.effective(requested: timeout, default: executor.config.defaultTimeout)
        return try executor.execute(code, limit: limit, host: host)
    }

    /// Forgets every variable: the next cell runs in a fresh kernel with the same namespaces.
    public func reset() throws {
        try open()
        try executor.reset(host: host)
    }

    /// Stops the kernel; later calls throw.
    public func close() {
        guard !closed else { return }
        executor.close()
        host.tools.close()
        closed = true
    }

    private func open() throws(SessionError) {
        if closed { throw SessionError(.closed, "the session is closed") }
    }

    // MARK: Skills

    public func listSkills() throws -> [Skill] {
        try open()
        return try host.storage.listSkills().skills
    }

    /// The skills that best match `query` by name, description and parameter names.
    public func searchSkills(_ query: String, limit: Int = 5) throws -> [Skill] {
        try open()
        return try host.searchSkills(query, limit: limit)
    }

    public func getSkill(_ name: String) throws -> Skill? {
        try open()
        return try host.storage.skill(named: SkillName(validating: name))
    }

    /// Creates or replaces a skill; a description the source lacks is written into it. A skill
    /// the session's policy forbids is refused.
    public func addSkill(name: String, source: String, description: String = "") throws -> Skill {
        try open()
        return try host.saveSkill(SkillName(validating: name), source: source, description: description)
    }

    public func removeSkill(_ name: String) throws -> Bool {
        try open()
        return try host.storage.deleteSkill(named: SkillName(validating: name))
    }

    // MARK: Tools

    /// Each tool as py-code-mode's `Tool.to_dict()`: name, description, tags, callables.
    public func listTools() throws -> JSONValue {
        try open()
        return try host.tools.list(in: host.storage)
    }

    public func searchTools(_ query: String, limit: Int = 10) throws -> JSONValue {
        try open()
        return try host.tools.search(query, limit: limit, in: host.storage)
    }

    // MARK: Dependencies

    /// The library's dependencies (the storage's and the configuration's).
    public func listDeps() throws -> [String] {
        try open()
        return try host.dependencies.configuredSpecs().map(\.text)
    }

    /// Validates and installs `package`, then stores it: `{"installed", "already_present", "failed"}`.
    public func addDep(_ package: String) throws -> JSONValue {
        try open()
        return try host.dependencies.add(package)
    }

    /// Removes `package` from the storage (nothing is uninstalled): py-code-mode's
    /// `{"removed", "not_found", "failed", "removed_from_config"}`.
    public func removeDep(_ package: String) throws -> JSONValue {
        try open()
        let removed = try host.dependencies.remove(package)
        return .object([
            JSONMember("removed", .array(removed ? [.string(package)] : [])),
            JSONMember("not_found", .array(removed ? [] : [.string(package)])),
            JSONMember("failed", .array([])),
            JSONMember("removed_from_config", .bool(removed)),
        ])
    }

    /// Installs every configured dependency.
    public func syncDeps() throws -> JSONValue {
        try open()
        return try host.dependencies.sync()
    }

    // MARK: Artifacts

    public func listArtifacts() throws -> [ArtifactRecord] {
        try open()
        return try host.storage.listArtifacts()
    }

    public func saveArtifact(_ name: String, _ value: ArtifactValue, description: String = "") throws -> ArtifactRecord {
        try open()
        return try host.storage.saveArtifact(ArtifactName(validating: name), value: value, description: description, metadata: [])
    }

    public func loadArtifact(_ name: String) throws -> ArtifactValue {
        try open()
        return try host.storage.loadArtifact(ArtifactName(validating: name))
    }

    public func deleteArtifact(_ name: String) throws -> Bool {
        try open()
        return try host.storage.deleteArtifact(ArtifactName(validating: name))
    }
}

/// The thread a session's work runs on: one serial queue per session, outside the shared pool
/// of tasks, which blocking calls would starve (two threads on a two-core machine).
final class SessionExecutor: SerialExecutor {
    private let queue = DispatchQueue(label: "codemode.session")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }
}
