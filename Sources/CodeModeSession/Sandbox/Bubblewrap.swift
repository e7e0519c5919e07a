import CodeModeCore
import Foundation
import Synchronization

/// bubblewrap (`bwrap`, the Debian package `bubblewrap`, what Flatpak uses): runs the kernel in
/// new user, PID, IPC, UTS and (unless the network is allowed) network namespaces, seeing
/// read-only only what its interpreter needs and a private, size-limited /tmp.
struct Bubblewrap {
    let executable: URL

    static let package = "bubblewrap"

    /// The bwrap to use — `configured`, else the one on PATH — once it showed it can make the
    /// namespaces here; else why not.
    static func find(_ configured: URL?) -> Result<Bubblewrap, SessionError> {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let url = configured ?? ExecutableSearch.find("bwrap", searchPath: searchPath),
              FileManager.default.isExecutableFile(atPath: url.path) else {
            return .failure(SessionError(.kernel, "bubblewrap (bwrap) is not installed\(configured.map { " at \($0.path)" } ?? ""); install the package \(package) (apt-get install \(package))"))
        }
        return probes.withLock { known in
            if let outcome = known[url.path] { return outcome }
            let outcome = probe(url)
            known[url.path] = outcome
            return outcome
        }
    }

    /// Probes run once per process and bwrap: a few milliseconds each.
    private static let probes = Mutex<[String: Result<Bubblewrap, SessionError>]>([:])

    private static func probe(_ url: URL) -> Result<Bubblewrap, SessionError> {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-bwrap-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let arguments = namespaces(network: false) + ["--ro-bind", "/", "/", "--", "/bin/true"]
        do {
            let pid = try ChildSpawn.spawn(url.path, arguments, environment: [:]) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            }
            let status = ChildSpawn.wait(pid)
            guard status == 0 else {
                let said = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                return .failure(SessionError(.kernel, "bubblewrap (\(url.path)) cannot create namespaces here (\(said.isEmpty ? ChildSpawn.describe(status) : said)); "
                                             + "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run where they are allowed"))
            }
        } catch {
            return .failure(SessionError(.kernel, "cannot run bubblewrap (\(url.path)): \(error.message)"))
        }
        return .success(Bubblewrap(executable: url))
    }

    private static func namespaces(network: Bool) -> [String] {
        var arguments = ["--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        if !network { arguments.append("--unshare-net") }
        // Root keeps its capabilities in the sandbox unless told otherwise.
        if geteuid() == 0 { arguments += ["--cap-drop", "ALL"] }
        return arguments + ["--die-with-parent", "--new-session"]
    }

    /// The arguments that run `python` in the sandbox: its installation (and `readable`
    /// folders, e.g. the dependency environments) read-only, the system's libraries, and a
    /// private /tmp of `disk` bytes that is its working folder and home.
    static func arguments(python: PythonInterpreter, readable: [URL], settings: SandboxSettings) -> [String] {
        var arguments = namespaces(network: settings.network) + ["--uid", "65534", "--gid", "65534"]
        // The private /tmp first: what is bound below it afterwards (a library's environments
        // in the host's /tmp) stays visible in it.
        if let disk = settings.disk { arguments += ["--size", String(disk)] }
        arguments += ["--tmpfs", "/tmp"]
        for top in ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else if FileManager.default.fileExists(atPath: top) {
                arguments += ["--ro-bind", top, top]
            }
        }
        var etc = ["/etc/ld.so.cache", "/etc/localtime"]
        if settings.network {
            etc += ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/services", "/etc/ssl", "/etc/ca-certificates"]
        }
        for path in etc { arguments += ["--ro-bind-try", path, path] }
        for folder in installation(of: python) + readable.map(\.path) where !folder.hasPrefix("/usr/") {
            arguments += ["--ro-bind-try", folder, folder]
        }
        // The root bwrap builds is a tmpfs of its own: read-only, so /tmp is all there is to fill.
        return arguments + ["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/", "--chdir", "/tmp", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp", "--"]
    }

    /// The folders an interpreter runs from: its installation prefix (the folder above its
    /// `bin/`), and that of the file it links to (a virtual environment's base).
    static func installation(of python: PythonInterpreter) -> [String] {
        let given = python.executable.standardizedFileURL
        let resolved = given.resolvingSymlinksInPath()
        return Array(Set([given, resolved].map { executable in
            let folder = executable.deletingLastPathComponent()
            return folder.lastPathComponent == "bin" ? folder.deletingLastPathComponent().path : folder.path
        })).sorted()
    }
}
