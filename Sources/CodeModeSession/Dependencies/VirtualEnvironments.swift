import CodeModeCore
import CodeModeStorage
import Foundation

/// Virtual environments holding a library's dependencies: one per interpreter and set of
/// specs, built once in the user's cache folder (`<cache>/venvs/<key>`) and shared by every
/// session that needs the same set. `uv` builds them when it is on PATH, else `venv` and pip.
struct VirtualEnvironments {
    let base: PythonInterpreter
    let folder: URL
    /// Extra installer options, e.g. `--no-index --find-links DIR` for an offline index.
    let installOptions: [String]

    /// The interpreter of the environment for `specs`, built now if it is not there yet.
    func interpreter(for specs: [DependencySpec]) throws(SessionError) -> PythonInterpreter {
        let wanted = Self.manifest(specs)
        let location = folder.appendingPathComponent(Self.key(base: base, manifest: wanted))
        let python = PythonInterpreter(executable: location.appendingPathComponent("bin/python"))
        let marker = location.appendingPathComponent("codemode-requirements.txt")
        if (try? String(contentsOf: marker, encoding: .utf8)) == wanted { return python }
        try FileLock.holding(location.path + ".lock") { () throws(SessionError) in
            // Another process may have built it while this one waited.
            if (try? String(contentsOf: marker, encoding: .utf8)) == wanted { return }
            try? FileManager.default.removeItem(at: location)
            try create(location)
            try install(specs, into: python)
            do {
                try wanted.write(to: marker, atomically: true, encoding: .utf8)
            } catch {
                throw SessionError(.kernel, "cannot write \(marker.path): \(error.localizedDescription)")
            }
        }
        return python
    }

    /// Installs `specs` into the environment of `python`.
    func install(_ specs: [DependencySpec], into python: PythonInterpreter) throws(SessionError) {
        guard !specs.isEmpty else { return }
        let names = specs.map(\.text)
        if let uv = ToolProcess.locate("uv") {
            try run([uv, "pip", "install", "--python", python.executable.path] + installOptions + names, doing: "install \(names.joined(separator: " "))")
        } else {
            try run([python.executable.path, "-m", "pip", "install", "--disable-pip-version-check", "--quiet"] + installOptions + names,
                    doing: "install \(names.joined(separator: " "))")
        }
    }

    private func create(_ location: URL) throws(SessionError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SessionError(.kernel, "cannot create \(folder.path): \(error.localizedDescription)")
        }
        if let uv = ToolProcess.locate("uv") {
            try run([uv, "venv", "--quiet", "--python", base.executable.path, location.path], doing: "create a virtual environment")
        } else {
            try run([base.executable.path, "-m", "venv", location.path], doing: "create a virtual environment")
        }
    }

    private func run(_ argv: [String], doing what: String) throws(SessionError) {
        let output: ToolProcess.Output?
        do {
            output = try ToolProcess.run(argv, timeout: 600)
        } catch {
            throw SessionError(.kernel, "cannot \(what): \(error.message)")
        }
        guard let output else { throw SessionError(.kernel, "cannot \(what): it took more than 10 minutes") }
        guard output.status == 0 else {
            let detail = String(decoding: output.stderr + output.stdout, as: UTF8.self)
                .split(separator: "\n").suffix(8).joined(separator: "\n")
            throw SessionError(.kernel, "cannot \(what) (\(argv[0]) exited with status \(output.status)):\n\(detail)")
        }
    }

    /// The specs as the environment records them: sorted, one a line.
    static func manifest(_ specs: [DependencySpec]) -> String {
        Set(specs.map(\.text)).sorted().map { $0 + "\n" }.joined()
    }

    /// A stable name for an interpreter and a set of specs (FNV-1a; the manifest inside the
    /// folder is compared too, so a collision only costs a rebuild).
    static func key(base: PythonInterpreter, manifest: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (base.executable.path + "\n" + manifest).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "venv-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// An exclusive `flock` on a file, held while `body` runs, so two processes never build the
/// same environment at once.
enum FileLock {
    static func holding<T>(_ path: String, _ body: () throws(SessionError) -> T) throws(SessionError) -> T {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionError(.kernel, "cannot open the lock \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SessionError(.kernel, "cannot lock \(path): \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
