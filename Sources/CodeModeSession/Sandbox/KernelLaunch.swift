import CodeModeCore
import Foundation
import Synchronization

/// How the next kernel starts: its environment (an allow-list, sandbox or not: no secret of
/// the host reaches agent code) and, when it is isolated, the sandbox around it and the limits
/// it applies to itself before it runs anything.
struct KernelLaunch {
    /// The sandbox tool and its arguments up to the interpreter; nil: the interpreter directly.
    var sandbox: (tool: Bubblewrap, arguments: [String])?
    var environment: [String: String]
    /// What the kernel limits for itself (bytes of memory, processes) and names in messages.
    var limits: JSONValue
    /// CPU seconds a cell may use, watched by the host; nil: no limit.
    var cpuLimit: Double?
    /// Processes and threads the sandbox may run at once; nil: no limit.
    var processLimit: Int?
    /// Where to say what a user should know that is no error.
    var notice: (@Sendable (String) -> Void)?

    var isolated: Bool { sandbox != nil }

    /// The launch `config` asks for on `python`. `required` without isolation is an error;
    /// `auto` without it says so through `notice`, once per process.
    static func plan(_ config: SubprocessConfig, python: PythonInterpreter,
                     host: [String: String] = ProcessInfo.processInfo.environment) throws(SessionError) -> KernelLaunch {
        let settings = config.sandbox
        let environment = kernelEnvironment(settings, python: python, host: host)
        var launch = KernelLaunch(sandbox: nil, environment: environment, limits: .object([]), notice: config.notice)
        let mode = settings.mode ?? .off
        guard mode != .off else { return launch }
        let tool: Bubblewrap
        switch Bubblewrap.find(config.bubblewrap) {
        case .success(let found):
            tool = found
        case .failure(let error):
            if mode == .required {
                throw SessionError(.kernel, "the sandbox is required, but \(error.message) — or set sandbox: auto or off in codemode.yaml (--sandbox)")
            }
            let first = warned.withLock { warned in warned.insert(error.message).inserted }
            if first { config.notice?("agent code runs without isolation (sandbox: auto): \(error.message)") }
            return launch
        }
        var readable = [config.resolvedEnvironmentsFolder].compactMap { $0 }
        readable += config.venv.map { [$0] } ?? []
        for folder in readable { try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        launch.sandbox = (tool, Bubblewrap.arguments(python: python, readable: readable, settings: settings))
        var limits: [JSONMember] = []
        if let memory = settings.memory {
            limits += [JSONMember("memory", .integer(memory)), JSONMember("memory_text", .string(SandboxSettings.describe(bytes: memory)))]
        }
        if let processes = settings.processes { limits.append(JSONMember("processes", .integer(processes))) }
        if let disk = settings.disk { limits.append(JSONMember("disk_text", .string(SandboxSettings.describe(bytes: disk)))) }
        launch.limits = .object(limits)
        launch.cpuLimit = settings.cpu
        launch.processLimit = settings.processes
        return launch
    }

    /// Reasons already given for running without isolation.
    private static let warned = Mutex<Set<String>>([])

    /// The allowed variables the host has set, and a PATH that starts at the interpreter's
    /// folder (a virtual environment's `bin/`).
    static func kernelEnvironment(_ settings: SandboxSettings, python: PythonInterpreter, host: [String: String]) -> [String: String] {
        var environment: [String: String] = [:]
        for name in settings.environment { environment[name] = host[name] }
        environment["PATH"] = python.executable.deletingLastPathComponent().path + ":/usr/local/bin:/usr/bin:/bin"
        return environment
    }
}
