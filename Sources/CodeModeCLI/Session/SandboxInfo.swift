import CodeModeCore
import CodeModeSession

/// `codemode run --sandbox-info`: what the kernel of a session with these options can see and
/// do, as agent code finds it from inside.
enum SandboxInfo {
    /// Looks from inside the kernel: variables, the file system's top, the network, the limits.
    static let probe = #"""
        import os, resource, socket
        def limit(kind):
            soft = resource.getrlimit(kind)[0]
            return None if soft == resource.RLIM_INFINITY else soft
        work = os.statvfs(os.getcwd())
        {
            "environment": sorted(os.environ),
            "root": sorted(os.listdir("/")),
            "root_writable": os.access("/", os.W_OK),
            "work_folder": os.getcwd(),
            "work_folder_bytes": work.f_blocks * work.f_frsize,
            "network_interfaces": sorted(name for _, name in socket.if_nameindex()),
            "memory_bytes": limit(resource.RLIMIT_AS),
            "processes": limit(resource.RLIMIT_NPROC),
            "user_id": os.getuid(),
        }
        """#

    static func report(_ session: Session, settings: SubprocessConfig, output: OutputOptions) async throws {
        let isolated = try await session.isIsolated()
        let result = try await session.run(probe)
        await session.close()
        guard let seen = result.value, result.error == nil else {
            throw CommandFailure(message: "the sandbox probe failed: \(result.error ?? "no value")")
        }
        let sandbox = settings.sandbox
        let mode = (sandbox.mode ?? .off).rawValue
        if output.json {
            output.printJSON(.object([
                JSONMember("mode", .string(mode)), JSONMember("isolated", .bool(isolated)),
                JSONMember("cpu_seconds_per_cell", isolated ? sandbox.cpu.map(JSONValue.number) ?? .null : .null),
                JSONMember("seen", seen),
            ]))
            return
        }
        func bytes(_ value: JSONValue?) -> String {
            if case .integer(let count)? = value { return SandboxSettings.describe(bytes: count) }
            return "no limit"
        }
        let interfaces = seen["network_interfaces"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let lines = [
            "sandbox: \(mode), \(isolated ? "isolated (bubblewrap)" : "not isolated: the kernel sees the host's files and network")",
            "environment: \(names(seen["environment"]))",
            "files: / holds \(names(seen["root"]))\((seen["root_writable"] == .bool(false)) ? ", read-only" : "")",
            "work folder: \(seen["work_folder"]?.stringValue ?? "?") (\(bytes(seen["work_folder_bytes"])))",
            "network: \(interfaces == ["lo"] ? "none (only its own loopback)" : interfaces.joined(separator: ", "))",
            "memory: \(bytes(seen["memory_bytes"])) per process; processes: \(seen["processes"].flatMap { $0 == .null ? nil : PythonJSONEncoder().encode($0) } ?? "no limit"); "
                + "CPU: \(isolated ? sandbox.cpu.map { "\(SubprocessExecutor.seconds($0)) per cell" } ?? "no limit" : "no limit")",
        ]
        Console.output(lines.joined(separator: "\n"))
    }

    private static func names(_ value: JSONValue?) -> String {
        (value?.arrayValue?.compactMap(\.stringValue) ?? []).joined(separator: ", ")
    }
}
