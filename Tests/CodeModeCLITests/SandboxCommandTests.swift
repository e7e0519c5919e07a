import CodeModeCore
import Foundation
import Testing
import TestSupport

/// The sandbox where users meet it: codemode.yaml's `sandbox:` and `--sandbox`, the defaults
/// per environment, `run --sandbox-info`, secrets kept from agent code without a sandbox, and
/// no kernel outliving a host that was killed.
@Suite("codemode sandbox")
struct SandboxCommandTests {
    let server: RedisServer
    let folder: TemporaryDirectory

    init() throws {
        server = try RedisServer()
        folder = try TemporaryDirectory("sandboxed")
        try folder.write("codemode.yaml", """
            sandbox: {memory: 512MiB, processes: 40, disk: 64MiB, env: [LANG, CODEMODE_TEST_ALLOWED]}
            environments:
              dev: { url: "\(server.url)", prefix: \(server.uniquePrefix("dev")) }
              prod: { url: "\(server.url)", prefix: \(server.uniquePrefix("prod")), sandbox: {cpu: 30s} }
            promotion: [dev, prod]

            """)
    }

    func info(_ arguments: String...) throws -> JSONValue {
        let result = try ProcessRunner.codemode(["run", "--sandbox-info", "--json"] + arguments, in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONParser.parse(result.stdout)
    }

    @Test func settingsAndDefaultsPerEnvironment() throws {
        // A top-level sandbox mapping means auto; its limits reach the kernel.
        let library = try info()
        #expect(library["mode"] == .string("auto") && library["isolated"] == .bool(true))
        #expect(library["seen"]?["memory_bytes"] == .integer(512 << 20) && library["seen"]?["processes"] == .integer(40))
        #expect(library["seen"]?["work_folder_bytes"] == .integer(64 << 20) && library["seen"]?["network_interfaces"] == .array([.string("lo")]))
        // prod adds its CPU limit to the top-level settings.
        #expect(try info("--env", "prod")["cpu_seconds_per_cell"] == .number(30))
        #expect(try info("--env", "dev", "--sandbox", "off")["isolated"] == .bool(false))

        try folder.write("codemode.yaml", """
            environments:
              dev: { url: "\(server.url)", prefix: \(server.uniquePrefix("dev")) }
              prod: { url: "\(server.url)", prefix: \(server.uniquePrefix("prod")) }
            promotion: [dev, prod]

            """)
        #expect(try info("--env", "dev")["mode"] == .string("off"), "the first stage: off unless set")
        #expect(try info("--env", "prod")["isolated"] == .bool(true), "later stages: auto")
        let text = try ProcessRunner.codemode(["run", "--sandbox-info", "--env", "prod"], in: folder.url)
        #expect(text.stdout.hasPrefix("sandbox: auto, isolated (bubblewrap)\n") && text.stdout.contains("network: none"), "\(text.stdout)")

        try folder.write("codemode.yaml", "sandbox: {memory: lots}\n")
        let bad = try ProcessRunner.codemode(["run", "1"], in: folder.url)
        #expect(bad.status != 0 && bad.stderr.contains("sandbox 'memory' takes a size such as 1GiB or 256MiB, not 'lots'"), "\(bad.stderr)")
    }

    @Test func testsRunInTheSandboxOfTheirSide() throws {
        try folder.write("tests/test_isolated.py", "import os\n\n\ndef test_runs_as_nobody_in_its_own_tmp():\n    assert os.getuid() == 65534 and os.getcwd() == '/tmp'\n")
        let isolated = try ProcessRunner.codemode(["test", "--sandbox", "required"], in: folder.url)
        #expect(isolated.status == 0 && isolated.stdout.contains("1 passed, 0 failed"), "\(isolated.stdout)\(isolated.stderr)")
        #expect(try ProcessRunner.codemode(["test"], in: folder.url).status == 0, "the library's sandbox: is auto")
        #expect(try ProcessRunner.codemode(["test", "--sandbox", "off"], in: folder.url).status == 1)
    }

    @Test func secretsNeverReachAgentCodeEvenWithoutASandbox() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SECRET_REDIS_URL"] = "redis://:hunter2@prod.example:6379/0"
        environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI"
        environment["CODEMODE_TEST_ALLOWED"] = "visible"
        let result = try ProcessRunner.run(ProcessRunner.codemodeExecutable, ["run", "--sandbox", "off", "import os\nsorted(os.environ.items())"],
                                           in: folder.url, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("hunter2") && !result.stdout.contains("wJalrXUtnFEMI") && !result.stdout.contains("SECRET"))
        #expect(result.stdout.contains("('CODEMODE_TEST_ALLOWED', 'visible')"), "an allowed variable is seen: \(result.stdout)")
    }

    @Test func noKernelOutlivesAKilledHost() async throws {
        let marker = "codemode-orphan-\(UUID().uuidString)"
        let log = folder.url.appendingPathComponent("host.log")
        try Data().write(to: log)
        let process = Process()
        process.executableURL = ProcessRunner.codemodeExecutable
        process.arguments = ["run", "--sandbox", "required", "--timeout", "0", Daemon.code(marker: marker) + "import time\ntime.sleep(120)\n"]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // A whole test suite running beside it can make the start slow.
        let started = try await Daemon.waitFor(seconds: 60) { !Daemon.processes(marked: marker).isEmpty || !process.isRunning }
        #expect(started && process.isRunning, "the daemon runs while the host does: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try await Daemon.waitFor { Daemon.processes(marked: marker).isEmpty }, "nothing of the sandbox outlives its host")
    }
}
