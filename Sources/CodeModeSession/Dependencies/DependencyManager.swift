import CodeModeCore
import CodeModeStorage
import Foundation

/// The `deps` namespace and the interpreter kernels run on: the library's dependencies
/// (the storage's, plus `SubprocessConfig.deps` and `depsFile`) installed in a cached virtual
/// environment, and `deps.add` installing into a new one before it stores the spec.
final class DependencyManager {
    private let config: SubprocessConfig
    private let storage: any StorageBackend
    /// The interpreter new kernels start on; nil until first asked.
    private var interpreter: PythonInterpreter?
    /// Set when a call changed the interpreter: the running kernel must see its packages.
    private(set) var importPaths: [String] = []

    init(config: SubprocessConfig, storage: any StorageBackend) {
        self.config = config
        self.storage = storage
    }

    /// The interpreter for the next kernel: the configured one, else the environment holding
    /// the library's dependencies (built now if needed), else the plain interpreter.
    func kernelInterpreter() throws(SessionError) -> PythonInterpreter {
        if let interpreter { return interpreter }
        let chosen: PythonInterpreter
        if let python = config.python {
            chosen = python
        } else if let venv = config.venv {
            chosen = PythonInterpreter(executable: venv.appendingPathComponent("bin/python"))
        } else {
            let base = try baseInterpreter()
            let specs: [DependencySpec]
            do {
                specs = try configuredSpecs()
            } catch let error as SessionError {
                throw error
            } catch {
                throw SessionError(.storage, "cannot read the library's dependencies: \(error)")
            }
            chosen = specs.isEmpty || !config.syncDepsOnStart ? base : try environments(base).interpreter(for: specs)
        }
        interpreter = chosen
        return chosen
    }

    /// Paths the running kernel must add to `sys.path`, taken once.
    func takeImportPaths() -> [String] {
        defer { importPaths = [] }
        return importPaths
    }

    func handle(_ call: NamespaceCall) throws -> JSONValue {
        switch call.method {
        case "deps.list": return .array(try configuredSpecs().map { .string($0.text) })
        case "deps.add": return try add(call.string("package"))
        case "deps.remove": return .bool(try remove(call.string("package")))
        case "deps.sync": return try sync()
        default: throw NamespaceCallError("ValueError", "Unknown RPC method: \(call.method)")
        }
    }

    /// Validates, installs (into the environment for the new set), then stores.
    func add(_ text: String) throws -> JSONValue {
        guard config.allowRuntimeDeps else { throw Self.disabled("installation") }
        let spec: DependencySpec
        do {
            spec = try DependencySpec(validating: text)
        } catch {
            throw NamespaceCallError("ValueError", "\(error)")
        }
        if let reason = storage.readOnlyReason {
            throw NamespaceCallError("ValueError", "the dependency '\(spec.text)' cannot be added: \(reason)")
        }
        let current = try configuredSpecs()
        if current.contains(spec) {
            try useEnvironment(for: current)
            return Self.result(installed: [], alreadyPresent: [spec.text])
        }
        let wanted = current.filter { $0.baseName != spec.baseName } + [spec]
        do {
            try useEnvironment(for: wanted)
        } catch let error as SessionError {
            throw NamespaceCallError("InstallError", "\(error.message)\nnothing was stored; check the package name and version")
        }
        _ = try storage.addDependency(spec)
        return Self.result(installed: [spec.text], alreadyPresent: [])
    }

    /// Removes the spec from the storage (nothing is uninstalled).
    func remove(_ text: String) throws -> Bool {
        guard config.allowRuntimeDeps else { throw Self.disabled("modification") }
        guard !text.isEmpty else { return false }
        return try storage.removeDependency(named: DependencySpec.baseName(of: text))
    }

    /// Makes sure every configured dependency is installed where the kernel imports from.
    func sync() throws -> JSONValue {
        let specs = try configuredSpecs()
        guard !specs.isEmpty else { return Self.result(installed: [], alreadyPresent: []) }
        try useEnvironment(for: specs)
        return Self.result(installed: [], alreadyPresent: specs.map(\.text))
    }

    /// The storage's specs, then those of the configuration that name other packages.
    func configuredSpecs() throws -> [DependencySpec] {
        var specs = try storage.listDependencies().specs
        var configured = config.deps
        if let file = config.depsFile, let text = try? String(contentsOf: file, encoding: .utf8) {
            configured += RequirementsFile(text: text).specs.map(\.text)
        }
        for text in configured {
            guard let spec = try? DependencySpec(validating: text) else {
                throw SessionError(.invalidInput, "the dependency '\(text)' of the session's configuration is not valid; fix it")
            }
            if !specs.contains(where: { $0.baseName == spec.baseName }) { specs.append(spec) }
        }
        return specs
    }

    /// Builds (or finds) the environment for `specs`, makes new kernels start on it and the
    /// running one import from it.
    private func useEnvironment(for specs: [DependencySpec]) throws {
        if config.python != nil || config.venv != nil {
            // A fixed interpreter: install into its own environment.
            let python = try kernelInterpreter()
            try environments(python).install(specs, into: python)
            return
        }
        let python = try environments(baseInterpreter()).interpreter(for: specs)
        guard python != interpreter else { return }
        interpreter = python
        importPaths = Self.sitePackages(of: python)
    }

    private func baseInterpreter() throws(SessionError) -> PythonInterpreter {
        do {
            return try PythonInterpreter.resolve()
        } catch {
            throw SessionError(.kernel, "\(error)")
        }
    }

    private func environments(_ base: PythonInterpreter) throws(SessionError) -> VirtualEnvironments {
        guard let folder = config.resolvedEnvironmentsFolder else {
            throw SessionError(.kernel, "no cache folder for virtual environments: set CODEMODE_CACHE_DIR or HOME")
        }
        return VirtualEnvironments(base: base, folder: folder, installOptions: config.installOptions)
    }

    /// `<venv>/lib/pythonX.Y/site-packages`.
    private static func sitePackages(of python: PythonInterpreter) -> [String] {
        let lib = python.executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        return versions.filter { $0.hasPrefix("python") }.sorted().map { lib.appendingPathComponent($0).appendingPathComponent("site-packages").path }
    }

    /// py-code-mode's `SyncResult` as the subprocess executor returns it.
    static func result(installed: [String], alreadyPresent: [String], failed: [String] = []) -> JSONValue {
        .object([
            JSONMember("installed", .array(installed.map(JSONValue.string))),
            JSONMember("already_present", .array(alreadyPresent.map(JSONValue.string))),
            JSONMember("failed", .array(failed.map(JSONValue.string))),
        ])
    }

    private static func disabled(_ what: String) -> NamespaceCallError {
        NamespaceCallError("RuntimeError", "RuntimeDepsDisabledError: Runtime dependency \(what) is disabled. Dependencies must be pre-configured before session start.")
    }
}
