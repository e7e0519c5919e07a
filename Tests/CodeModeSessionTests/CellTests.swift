import CodeModeCore
import CodeModeSession
import Foundation
import Testing
import TestSupport

@Suite("Session cells")
struct CellTests {
    @Test func lastExpressionIsTheValueAndVariablesPersist() async throws {
        let fixture = try SessionFixture()
        #expect(try await fixture.value("1 + 1") == .integer(2))
        #expect(try await fixture.value("x = 20\ny = 1") == nil)
        #expect(try await fixture.value("x + y") == .integer(21))
        #expect(try await fixture.value("{'a': [1, 2.5, None, True], 'b': 'é'}")
            == .object([JSONMember("a", .array([.integer(1), .number(2.5), .null, .bool(true)])), JSONMember("b", .string("é"))]))
        // Anything that is not JSON comes back as its repr.
        #expect(try await fixture.value("(1, 2)") == .string("(1, 2)"))
        #expect(try await fixture.value("b'\\x00a'") == .string("b'\\x00a'"))
        #expect(try await fixture.value("float('nan')") == .string("nan"))
        #expect(try await fixture.value("2 ** 70") == .string("1180591620717411303424"))
        #expect(try await fixture.value("x = 3;") == nil)
    }

    @Test func topLevelAwaitWorksAndTheLoopLivesOn() async throws {
        let fixture = try SessionFixture()
        try await fixture.value("import asyncio\nasync def later(v):\n    await asyncio.sleep(0.01)\n    return v")
        // A task made outside a coroutine belongs to the loop the cells then run on.
        try await fixture.value("task = asyncio.ensure_future(later('kept'))")
        #expect(try await fixture.value("await task") == .string("kept"))
        #expect(try await fixture.value("await later(7)") == .integer(7))
    }

    @Test func stdoutAndStderrAreCapturedApartFromEveryWriter() async throws {
        let fixture = try SessionFixture()
        let result = try await fixture.session.run("""
            import os, sys, subprocess
            print('one')
            print('warn', file=sys.stderr)
            os.write(1, b'raw fd 1\\n')
            os.write(2, b'raw fd 2\\n')
            subprocess.run(['echo', 'from a child'])
            'done'
            """)
        #expect(result.error == nil)
        #expect(result.value == .string("done"))
        #expect(result.stdout == "one\nraw fd 1\nfrom a child\n")
        #expect(result.stderr == "warn\nraw fd 2\n")
        // The next cell starts with empty output.
        let next = try await fixture.session.run("print('two')")
        #expect(next.stdout == "two\n")
        #expect(next.stderr == "")
    }

    @Test func hugeOutputIsCappedWithANote() async throws {
        let fixture = try SessionFixture(config: SubprocessConfig(defaultTimeout: 20, outputLimit: 1000))
        let result = try await fixture.session.run("print('x' * 5000)\nimport os\nos.write(2, b'y' * 100000)\n'z' * 5000")
        #expect(result.stdout.hasPrefix(String(repeating: "x", count: 1000)))
        #expect(result.stdout.contains("4,001 more characters of stdout not shown"))
        #expect(result.stderr.contains("more characters of stderr not shown"))
        guard case .string(let value) = result.value else { Issue.record("no value"); return }
        #expect(value.count < 1200 && value.contains("value shortened"))
        // The protocol survived.
        #expect(try await fixture.value("1") == .integer(1))
    }

    @Test func errorsAreTracebacksWithoutTheKernelsFrames() async throws {
        let fixture = try SessionFixture()
        let error = try await fixture.error("def f():\n    return 1 / 0\nf()")
        #expect(error.contains("File \"<cell 1>\", line 2, in f"))
        #expect(error.hasSuffix("ZeroDivisionError: division by zero\n"))
        #expect(!error.contains("kernel"))
        let syntax = try await fixture.error("def broken(:")
        #expect(syntax.contains("SyntaxError"))
        #expect(!syntax.contains("Traceback"))
        let exit = try await fixture.error("raise SystemExit(3)")
        #expect(exit.contains("SystemExit: 3"))
        #expect(try await fixture.value("'still here'") == .string("still here"))
    }

    @Test func inputGetsEndOfFile() async throws {
        let fixture = try SessionFixture()
        #expect(try await fixture.error("input('name? ')").contains("EOFError"))
    }

    @Test func resetForgetsVariablesAndKeepsNamespaces() async throws {
        let fixture = try SessionFixture()
        try await fixture.value("x = 1")
        try await fixture.session.reset()
        #expect(try await fixture.error("x").contains("NameError"))
        #expect(try await fixture.value("type(skills).__name__") == .string("Skills"))
    }

    @Test func aClosedSessionRefusesWork() async throws {
        let fixture = try SessionFixture()
        #expect(try await fixture.value("1") == .integer(1))
        await fixture.session.close()
        await #expect(throws: SessionError.self) { try await fixture.session.run("1") }
    }
}
