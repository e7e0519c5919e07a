import CodeModeCore
import Foundation

/// Runs cells in a Python kernel process and serves its namespace calls. A spare kernel is
/// started ahead, so a reset or a restart after a crash or a stuck cell takes no start-up
/// time. Not thread-safe: a `Session` calls it from one queue.
public final class SubprocessExecutor {
    public let config: SubprocessConfig
    private var kernel: KernelProcess?
    private var spare: KernelProcess?
    /// The id of the last cell sent; every message of a cell carries it.
    private var cellID = 0

    public init(_ config: SubprocessConfig = SubprocessConfig()) {
        self.config = config
    }

    deinit { close() }

    /// Whether the running kernel is in a sandbox.
    var isIsolated: Bool { kernel?.launch.isolated ?? false }

    /// Starts the kernel (and the spare) unless it runs.
    func start(host: NamespaceHost) throws(SessionError) {
        guard kernel == nil else { return }
        let python = try host.dependencies.kernelInterpreter()
        kernel = try takeSpareOrLaunch(python)
        spare = try? launch(python)
    }

    /// A fresh kernel: no user variables, the same namespaces.
    func reset(host: NamespaceHost) throws(SessionError) {
        try restart(host: host)
    }

    func close() {
        kernel?.kill()
        spare?.kill()
        kernel = nil
        spare = nil
    }

    /// Runs one cell to its end, its time `limit` (seconds, checked by ``CellTimeout``; nil:
    /// none) or the kernel's death, answering the namespace calls it makes on the way.
    func execute(_ code: String, limit: Double?, host: NamespaceHost) throws(SessionError) -> ExecutionResult {
        try start(host: host)
        guard let kernel else { throw SessionError(.kernel, "the kernel did not start") }
        let started = ContinuousClock.now
        var deadline = limit.map { started + .seconds($0) }
        var interrupted = false
        var cpu = kernel.launch.cpuLimit.map { CPUWatch(kernel, limit: $0, from: started) }
        func finished(_ error: String) -> ExecutionResult {
            ExecutionResult(value: nil, stdout: "", stderr: "", error: error, duration: started.duration(to: .now))
        }
        cellID += 1
        let cell = JSONValue.integer(cellID)
        guard kernel.send(.object([JSONMember("op", .string("run")), JSONMember("id", cell), JSONMember("code", .string(code))])) else {
            return finished(try died(kernel, host: host))
        }
        while true {
            let received: KernelProcess.Received
            do {
                received = try kernel.receive(before: [deadline, cpu?.nextCheck].compactMap { $0 }.min())
            } catch {
                return finished(try broken(kernel, error, host: host))
            }
            switch received {
            case .message(let message):
                // A message of another cell (none should come) is never taken for this one's.
                guard message["run"] == cell else { continue }
                switch message["op"]?.stringValue {
                case "call":
                    let reply = try self.reply(to: message, host: host)
                    if !kernel.send(reply) { return finished(try died(kernel, host: host)) }
                case "done":
                    var result = Self.result(of: message, duration: started.duration(to: .now))
                    if interrupted, let limit {
                        let traceback = result.error.map { "\n\n" + $0 } ?? ""
                        result.error = "Execution timed out after \(Self.seconds(limit)): the code was interrupted; the session keeps its variables." + traceback
                    }
                    return result
                default:
                    return finished(try broken(kernel, SessionError(.kernel, "the kernel sent an unknown message"), host: host))
                }
            case .timedOut:
                if let check = cpu?.nextCheck, check <= .now {
                    guard cpu?.withinLimit() != false else {
                        try restart(host: host)
                        return finished("the session's CPU limit (\(Self.seconds(kernel.launch.cpuLimit ?? 0)) per cell) was reached; the kernel was stopped and restarted, and the session's variables were lost.")
                    }
                    if deadline.map({ $0 > .now }) ?? true { continue }
                }
                guard let limit else { continue }
                if !interrupted {
                    interrupted = true
                    kernel.interrupt()
                    deadline = .now + .seconds(config.interruptGrace)
                } else {
                    try restart(host: host)
                    return finished("Execution timed out after \(Self.seconds(limit)) and did not stop within \(Self.seconds(config.interruptGrace)) of the interrupt; the kernel was restarted and the session's variables were lost.")
                }
            case .closed:
                return finished(try died(kernel, host: host))
            }
        }
    }

    // MARK: Kernels

    private func launch(_ python: PythonInterpreter) throws(SessionError) -> KernelProcess {
        try KernelProcess(python: python, outputLimit: config.outputLimit, launch: KernelLaunch.plan(config, python: python))
    }

    /// The spare if there is one (it has had time to start), else a new kernel; ready.
    private func takeSpareOrLaunch(_ python: PythonInterpreter) throws(SessionError) -> KernelProcess {
        let candidate: KernelProcess
        if let spare, spare.python == python {
            candidate = spare
            self.spare = nil
        } else {
            spare?.kill()
            spare = nil
            candidate = try launch(python)
        }
        switch try? candidate.receive(before: .now + .seconds(config.startupTimeout)) {
        case .message(let message) where message["op"]?.stringValue == "ready":
            candidate.didStart()
            return candidate
        case .timedOut:
            candidate.kill()
            throw SessionError(.kernel, "the kernel did not start within \(Self.seconds(config.startupTimeout)) (raise startupTimeout on a slow machine)")
        default:
            candidate.kill()
            let output = candidate.startupOutput
            throw SessionError(.kernel, "the kernel failed to start (\(candidate.reap(waiting: true) ?? "no reply"))" + (output.isEmpty ? "" : ":\n" + output))
        }
    }

    private func restart(host: NamespaceHost) throws(SessionError) {
        kernel?.kill()
        kernel = nil
        try start(host: host)
    }

    /// The error of a cell whose kernel exited; the session goes on with a new kernel.
    private func died(_ kernel: KernelProcess, host: NamespaceHost) throws(SessionError) -> String {
        let how = kernel.reap(waiting: true) ?? "no exit status"
        try restart(host: host)
        return "The kernel died during execution (\(how)); it was restarted and the session's variables were lost."
    }

    private func broken(_ kernel: KernelProcess, _ error: any Error, host: NamespaceHost) throws(SessionError) -> String {
        try restart(host: host)
        return "The kernel broke the protocol (\(error)); it was restarted and the session's variables were lost."
    }

    // MARK: Messages

    /// The answer to a namespace call. When the call installed packages into another
    /// environment, the running kernel is told where to import them from, and the spare is
    /// started again on that environment's interpreter.
    private func reply(to message: JSONValue, host: NamespaceHost) throws(SessionError) -> JSONValue {
        let id = message["id"] ?? .null
        let call = NamespaceCall(method: message["method"]?.stringValue ?? "", params: message["params"]?.objectValue ?? [])
        var members = [JSONMember("op", .string("reply")), JSONMember("id", id)]
        switch host.reply(to: call) {
        case .success(let result): members.append(JSONMember("result", result))
        case .failure(let error): members.append(JSONMember("error", error.jsonValue))
        }
        let paths = host.dependencies.takeImportPaths()
        if !paths.isEmpty {
            members.append(JSONMember("paths", .array(paths.map(JSONValue.string))))
            spare?.kill()
            spare = try? launch(host.dependencies.kernelInterpreter())
        }
        return .object(members)
    }

    private static func result(of message: JSONValue, duration: Duration) -> ExecutionResult {
        let value = message["value"]
        return ExecutionResult(value: value == .null ? nil : value,
                               stdout: message["stdout"]?.stringValue ?? "",
                               stderr: message["stderr"]?.stringValue ?? "",
                               error: message["error"]?.stringValue,
                               duration: duration)
    }

    /// `2s`, `0.5s`: seconds as people write them.
    public static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }
}
