import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("Session faults")
struct FaultTests {
    @Test func aTimeoutInterruptsTheCodeAndKeepsVariables() async throws {
        let fixture = try SessionFixture()
        try await fixture.value("kept = 41")
        let result = try await fixture.session.run("import time\nprint('started')\ntime.sleep(30)", timeout: 0.5)
        let error = try #require(result.error)
        #expect(error.hasPrefix("Execution timed out after 0.5s: the code was interrupted; the session keeps its variables."))
        #expect(error.contains("KeyboardInterrupt"))
        #expect(result.stdout == "started\n")
        #expect(result.duration < .seconds(5))
        #expect(try await fixture.value("kept + 1") == .integer(42))
    }

    @Test func codeThatIgnoresTheInterruptIsStoppedByARestart() async throws {
        let fixture = try SessionFixture(config: SubprocessConfig(defaultTimeout: 20, interruptGrace: 0.5))
        try await fixture.value("lost = 1")
        let result = try await fixture.session.run("""
            import time
            while True:
                try:
                    time.sleep(10)
                except KeyboardInterrupt:
                    pass
            """, timeout: 0.3)
        #expect(result.error == "Execution timed out after 0.3s and did not stop within 0.5s of the interrupt; the kernel was restarted and the session's variables were lost.")
        #expect(try await fixture.error("lost").contains("NameError"))
        #expect(try await fixture.value("1 + 1") == .integer(2))
    }

    @Test(arguments: [
        ("import os\nos._exit(3)", "exit status 3"),
        ("import ctypes\nctypes.string_at(0)", "killed by signal 11"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "killed by signal 9"),
    ])
    func aCrashedKernelIsRestarted(code: String, how: String) async throws {
        let fixture = try SessionFixture()
        try await fixture.value("lost = 1")
        let error = try await fixture.error(code)
        #expect(error.hasPrefix("The kernel died during execution (\(how)"))
        #expect(error.hasSuffix("it was restarted and the session's variables were lost."))
        #expect(try await fixture.error("lost").contains("NameError"))
        #expect(try await fixture.value("'alive'") == .string("alive"))
    }

    @Test func aFailingStorageIsAnErrorOfThatCallOnly() async throws {
        let server = try RedisServer()
        let fixture = try SessionFixture(.redis, server: server)
        #expect(try await fixture.value("len(skills.list())") == .integer(0))
        server.crash()
        let error = try await fixture.error("skills.list()")
        #expect(error.hasPrefix("SkillError: skills.list: ["))
        #expect(try await fixture.value("'session alive'") == .string("session alive"))
    }

    @Test func aMissingInterpreterIsAClearError() async throws {
        let folder = try TemporaryDirectory("no-python")
        let config = SubprocessConfig(python: PythonInterpreter(executable: folder.url.appendingPathComponent("python3")))
        let session = Session(storage: FileStorage(base: folder.url), executor: SubprocessExecutor(config))
        await #expect { try await session.run("1") } throws: { error in
            (error as? SessionError)?.message.contains("cannot start the kernel") == true
        }
    }
}
