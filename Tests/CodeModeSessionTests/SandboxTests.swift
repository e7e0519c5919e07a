import CodeModeCore
import CodeModeRedis
@testable import CodeModeSession
import Foundation
import Synchronization
import Testing
import TestSupport

/// Agent code trying to get out of its sandbox, from a cell and from a skill the cell invokes,
/// on a real bubblewrap: every attempt ends in an error inside, the host's files, secrets and
/// network stay out of reach, and what the host serves over the pipes still works.
@Suite("Session sandbox")
struct SandboxTests {
    /// Python that tries every way out and returns what happened, one line each.
    static let escapes = #"""
        import os, socket
        outcomes = {}
        def attempt(name, action):
            try:
                outcomes[name] = "escaped: " + repr(action())[:80]
            except BaseException as error:
                outcomes[name] = "contained: " + type(error).__name__
        def read(path):
            with open(path, "rb") as handle:
                return handle.read(10)
        attempt("shadow", lambda: read("/etc/shadow"))
        attempt("library", lambda: os.listdir(LIBRARY))
        def home():
            found = [name for name in os.listdir(HOME) if name not in ALLOWED_IN_HOME]
            if not found:
                raise FileNotFoundError("none of the host's home but the interpreter's way")
            return found
        attempt("home", home)
        attempt("configured file", lambda: read(SECRET_FILE))
        attempt("redis", lambda: socket.create_connection(("127.0.0.1", PORT), timeout=2))
        attempt("write usr", lambda: open("/usr/escape", "w"))
        attempt("write root", lambda: os.mkdir("/escape"))
        attempt("write library", lambda: open(LIBRARY + "/escape.txt", "w"))
        with open("/tmp/work.txt", "w") as handle:
            handle.write("the work folder is writable")
        outcomes["work folder"] = open("/tmp/work.txt").read()
        outcomes["secret in environment"] = sorted(name for name in os.environ if "SECRET" in name or "REDIS" in name)

        """#

    let server: RedisServer
    let secrets: TemporaryDirectory
    let fixture: SessionFixture

    init() throws {
        server = try RedisServer()
        secrets = try TemporaryDirectory("secrets")
        try secrets.write("client.key", "-----BEGIN PRIVATE KEY-----\n")
        fixture = try SessionFixture(.redis, server: server)
    }

    /// The globals the escape code reads: where the host keeps things.
    func prelude() throws -> String {
        guard case .tcp(_, let port) = server.url.endpoint else { throw SessionError(.kernel, "the test server has no TCP port") }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        // The interpreter (pyenv) and the dependency environments (~/.cache/codemode) may live
        // under $HOME: the folders on the way to them are all the sandbox shows there.
        let shown = try Bubblewrap.installation(of: PythonInterpreter.resolve()) + [SubprocessConfig().resolvedEnvironmentsFolder?.path].compactMap { $0 }
        let allowed = shown.compactMap { path -> String? in
            guard path.hasPrefix(home + "/") else { return nil }
            return path.dropFirst(home.count + 1).split(separator: "/").first.map(String.init)
        }
        return """
            LIBRARY = \(PythonJSONEncoder().encode(.string(fixture.folder.url.path)))
            HOME = \(PythonJSONEncoder().encode(.string(home)))
            ALLOWED_IN_HOME = \(PythonJSONEncoder().encode(.array(allowed.map(JSONValue.string))))
            SECRET_FILE = \(PythonJSONEncoder().encode(.string(secrets.url.appendingPathComponent("client.key").path)))
            PORT = \(port)

            """
    }

    func expectContained(_ outcomes: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .object(let members)? = outcomes else {
            Issue.record("no outcomes: \(String(describing: outcomes))", sourceLocation: sourceLocation)
            return
        }
        #expect(members.count == 10, sourceLocation: sourceLocation)
        for member in members {
            switch member.key {
            case "work folder": #expect(member.value == .string("the work folder is writable"), sourceLocation: sourceLocation)
            case "secret in environment": #expect(member.value == .array([]), sourceLocation: sourceLocation)
            default: #expect(member.value.stringValue?.hasPrefix("contained: ") == true, "\(member.key): \(member.value)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func agentCodeAndItsSkillsCannotReachTheHost() async throws {
        let prelude = try prelude()
        expectContained(try await fixture.value(prelude + Self.escapes + "outcomes\n"))

        // The same from a skill the agent saves through the host, into the Redis server the
        // sandbox cannot connect to, and then invokes.
        let skill = "\"\"\"Tries every way out.\"\"\"\n\n\nasync def run() -> dict:\n"
            + (prelude + Self.escapes + "return outcomes\n").split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
        try await fixture.value("skills.create('escape', \(PythonJSONEncoder().encode(.string(skill))))")
        #expect(try fixture.storage.skill(named: SkillName(validating: "escape")) != nil, "the host saved the skill in Redis")
        expectContained(try await fixture.value("skills.escape()"))
    }

    @Test func limitsEndTheCellWithAnErrorNamingThem() async throws {
        var config = SubprocessConfig(defaultTimeout: 60)
        config.sandbox = SandboxSettings(mode: .required)
        config.sandbox.memory = 256 << 20
        config.sandbox.cpu = 2
        config.sandbox.processes = 32
        config.sandbox.disk = 16 << 20
        let limited = try SessionFixture(config: config)

        try await limited.value("kept = 1")
        let bomb = try await limited.error("import os\nwhile True:\n    if os.fork() == 0:\n        import time\n        time.sleep(20)\n        os._exit(0)\n")
        #expect(bomb.contains("BlockingIOError") && bomb.contains("the session's process limit (32 processes and threads) was reached"), "\(bomb)")
        let memory = try await limited.error("hoard = bytearray(512 << 20)")
        #expect(memory.contains("MemoryError") && memory.contains("the session's memory limit (256 MiB) was reached"), "\(memory)")
        let disk = try await limited.error("open('/tmp/fill', 'wb').write(b'x' * (32 << 20))")
        #expect(disk.contains("No space left on device") && disk.contains("the session's disk limit (16 MiB in /tmp) was reached"), "\(disk)")
        #expect(try await limited.value("kept") == .integer(1), "errors inside a cell keep the session")

        let spin = try await limited.error("while True:\n    pass\n")
        #expect(spin.hasPrefix("the session's CPU limit (2s per cell) was reached") && spin.contains("variables were lost"), "\(spin)")
        #expect(try await limited.error("kept").contains("NameError"), "the kernel was restarted")
        #expect(try await limited.value("1 + 1") == .integer(2))
    }

    @Test func nothingOutlivesTheSession() async throws {
        let marker = "codemode-escapee-\(UUID().uuidString)"
        try await fixture.value(Daemon.code(marker: marker))
        #expect(try await Daemon.waitFor { !Daemon.processes(marked: marker).isEmpty }, "the daemon runs while the session does")
        await fixture.session.close()
        #expect(try await Daemon.waitFor { Daemon.processes(marked: marker).isEmpty }, "the daemon ended with the session")
    }

    @Test func requiredRefusesWithoutBubblewrapAndAutoSaysSoOnce() async throws {
        var config = SubprocessConfig(defaultTimeout: 20)
        config.bubblewrap = URL(fileURLWithPath: "/nonexistent/bwrap")
        config.sandbox.mode = .required
        let refused = try SessionFixture(config: config)
        await #expect { try await refused.session.run("1") } throws: { error in
            "\(error)".contains("the sandbox is required, but bubblewrap (bwrap) is not installed at /nonexistent/bwrap; install the package bubblewrap")
        }

        let notices = Mutex<[String]>([])
        config.sandbox.mode = .auto
        config.bubblewrap = URL(fileURLWithPath: "/nonexistent/other-bwrap")
        config.notice = { text in notices.withLock { $0.append(text) } }
        let unisolated = try SessionFixture(config: config)
        #expect(try await unisolated.value("import os\nos.listdir(\(PythonJSONEncoder().encode(.string(unisolated.folder.url.path))))") != nil, "it runs, without isolation")
        let again = try SessionFixture(config: config)
        #expect(try await again.value("1") == .integer(1))
        #expect(notices.withLock { $0 } == ["agent code runs without isolation (sandbox: auto): bubblewrap (bwrap) is not installed at /nonexistent/other-bwrap; install the package bubblewrap (apt-get install bubblewrap)"])
    }

    @Test func theKernelSeesOnlyAllowedVariables() {
        var settings = SandboxSettings()
        settings.environment = ["LANG", "TZ"]
        let host = ["LANG": "C.UTF-8", "SECRET_REDIS_URL": "redis://:hunter2@prod", "AWS_SECRET_ACCESS_KEY": "x", "REDIS_PASSWORD": "y", "PATH": "/secret/bin"]
        let python = PythonInterpreter(executable: URL(fileURLWithPath: "/opt/venv/bin/python"))
        #expect(KernelLaunch.kernelEnvironment(settings, python: python, host: host) == ["LANG": "C.UTF-8", "PATH": "/opt/venv/bin:/usr/local/bin:/usr/bin:/bin"])
    }
}
