import CodeModeCore
import CodeModeStorage
import Foundation

/// How a `SubprocessExecutor` runs its kernel, as py-code-mode's `SubprocessConfig`.
public struct SubprocessConfig: Sendable {
    /// A folder of `*.yaml` tool definitions; nil: the storage's own tools.
    public var toolsPath: URL?
    /// The interpreter; nil: the virtual environment's, else `PythonInterpreter.resolve()`.
    public var python: PythonInterpreter?
    /// A virtual environment to run the kernel in.
    public var venv: URL?
    /// Dependencies every session of this library needs, beside the storage's.
    public var deps: [String]
    /// A requirements file to read them from as well.
    public var depsFile: URL?
    /// Seconds a cell may run when `run` is given no timeout; nil: no limit.
    public var defaultTimeout: Double?
    /// Seconds the kernel may take to start.
    public var startupTimeout: Double
    /// Whether agent code may add and remove dependencies (`deps.add`, `deps.remove`).
    public var allowRuntimeDeps: Bool
    /// Whether the kernel starts in an environment with the library's dependencies
    /// installed (built once per set and cached); when false it starts without them.
    public var syncDepsOnStart: Bool
    /// Where the virtual environments go; nil: `venvs/` in the user's cache folder
    /// (`$CODEMODE_CACHE_DIR`, `$XDG_CACHE_HOME/codemode` or `~/.cache/codemode`).
    public var environmentsFolder: URL?
    /// Extra options for the installer (pip or uv), e.g. `["--no-index", "--find-links", dir]`.
    public var installOptions: [String]
    /// Seconds a cell that ran out of time has to stop after its KeyboardInterrupt before the
    /// kernel is killed and restarted (and its variables lost).
    public var interruptGrace: Double
    /// Characters of stdout, of stderr and of a value's repr kept from one cell.
    public var outputLimit: Int
    /// What a skill saved in the session (`skills.create`, MCP `create_skill`) may not do:
    /// the policy of the environment the session runs on.
    public var skillPolicy = SkillPolicy()
    /// How the kernel is isolated and limited, and which of the host's environment variables
    /// it sees (an allow-list even when it is not isolated). A nil mode is `off`.
    public var sandbox = SandboxSettings()
    /// The bubblewrap executable; nil: `bwrap` on PATH.
    public var bubblewrap: URL?
    /// Where a session says what a user should know but that is no error (agent code running
    /// without isolation under `sandbox: auto`); nil: nowhere.
    public var notice: (@Sendable (String) -> Void)?

    /// `environmentsFolder`, else `venvs/` in the user's cache folder; nil when there is none.
    var resolvedEnvironmentsFolder: URL? {
        environmentsFolder ?? CacheFolder.path.map { URL(fileURLWithPath: $0).appendingPathComponent("venvs") }
    }

    public init(toolsPath: URL? = nil, python: PythonInterpreter? = nil, venv: URL? = nil, deps: [String] = [],
                depsFile: URL? = nil, defaultTimeout: Double? = 60, startupTimeout: Double = 30,
                allowRuntimeDeps: Bool = true, syncDepsOnStart: Bool = true, environmentsFolder: URL? = nil, installOptions: [String] = [],
                interruptGrace: Double = 2, outputLimit: Int = 1_000_000) {
        self.toolsPath = toolsPath
        self.python = python
        self.venv = venv
        self.deps = deps
        self.depsFile = depsFile
        self.defaultTimeout = defaultTimeout
        self.startupTimeout = startupTimeout
        self.allowRuntimeDeps = allowRuntimeDeps
        self.syncDepsOnStart = syncDepsOnStart
        self.environmentsFolder = environmentsFolder
        self.installOptions = installOptions
        self.interruptGrace = interruptGrace
        self.outputLimit = outputLimit
    }
}
