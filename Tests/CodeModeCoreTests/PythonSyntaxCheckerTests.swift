@testable import CodeModeCore
import Foundation
import Testing

@Suite("Python syntax check")
struct PythonSyntaxCheckerTests {
    private let python: PythonInterpreter

    init() throws {
        python = try PythonInterpreter.resolve()
    }

    private func checkOne(_ source: String) throws -> PythonSyntaxError? {
        try #require(try PythonSyntaxChecker.check([source], interpreter: python).count == 1)
        return try PythonSyntaxChecker.check([source], interpreter: python)[0]
    }

    @Test("sources that parse give nil", arguments: [
        "",
        "async def run(name: str = 'x') -> str:\n    \"\"\"Greet.\"\"\"\n    return f'hi {name}'\n",
        "s = 'héllo €'\n",
        "x = 1\r\ny = 2\r\n",
        "path = '\\d+'\n",
    ])
    func parses(source: String) throws {
        #expect(try checkOne(source) == nil)
    }

    /// ast.parse accepts these, but py-code-mode compiles a skill before running it and
    /// Python's compiler refuses them — so they are errors here too.
    @Test("what only the compiler refuses", arguments: [
        ("await something()\n", "'await' outside function"),
        ("return 1\n", "'return' outside function"),
        ("yield 1\n", "'yield' outside function"),
        ("def f(a, a):\n    pass\n", "duplicate argument"),
    ])
    func compileErrors(source: String, message: String) throws {
        #expect(try checkOne(source)?.message.contains(message) == true)
    }

    @Test("indentation errors")
    func indentation() throws {
        let missing = try #require(try checkOne("def f():\nreturn 1\n"))
        #expect(missing.line == 2)
        #expect(missing.message.contains("expected an indented block"))
        let unindent = try #require(try checkOne("if 1:\n        x = 1\n   y = 2\n"))
        #expect(unindent.line == 3)
        #expect(unindent.message.contains("unindent does not match"))
        let tabs = try #require(try checkOne("if 1:\n\tx = 1\n        y = 2\n"))
        #expect(tabs.line == 3)
        #expect(tabs.message.contains("inconsistent use of tabs and spaces"))
    }

    @Test("unclosed parenthesis is reported on its line")
    func unclosedParen() throws {
        let error = try #require(try checkOne("x = 1\ny = f(1,\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("never closed") || error.message.contains("EOF"))
    }

    @Test("bad token with line and column")
    func badToken() throws {
        let error = try #require(try checkOne("a = 1\nx = 1 $ 2\n"))
        #expect(error == PythonSyntaxError(line: 2, column: 7, message: "invalid syntax"))
        #expect(error.description == "line 2, column 7: invalid syntax")
    }

    @Test("non-ASCII in the message survives the round trip")
    func unicodeMessage() throws {
        let error = try #require(try checkOne("x = \u{2018}quoted\u{2019}\n"))
        #expect(error.message.contains("\u{2018}"))
    }

    @Test("a NUL character is located")
    func nulCharacter() throws {
        let error = try #require(try checkOne("a = 1\nb = 1\u{0}\n"))
        #expect(error.line == 2)
        #expect(error.column == 6)
        #expect(error.message.contains("null bytes"))
    }

    @Test("1,000 sources in one call keep their order")
    func batchOrder() throws {
        let sources = (0..<1_000).map { index in
            index % 7 == 0
                ? String(repeating: "x = 1\n", count: index % 5) + "def broken(:\n"
                : "def f\(index)():\n    return \(index)\n"
        }
        let results = try PythonSyntaxChecker.check(sources, interpreter: python)
        #expect(results.count == 1_000)
        for (index, result) in results.enumerated() {
            if index % 7 == 0 {
                #expect(result?.line == index % 5 + 1, "source \(index)")
            } else {
                #expect(result == nil, "source \(index)")
            }
        }
    }

    @Test("an empty batch starts no process")
    func emptyBatch() throws {
        let missing = PythonInterpreter(executable: URL(fileURLWithPath: "/nonexistent/python3"))
        #expect(try PythonSyntaxChecker.check([], interpreter: missing).isEmpty)
        #expect(throws: PythonError.self) { try PythonSyntaxChecker.check(["x = 1"], interpreter: missing) }
    }

    /// A batch large enough to be split across processes comes back whole and in order;
    /// 10 MB of input cannot deadlock the pipes.
    @Test("10 MB of sources in one call")
    func largeBatch() throws {
        let source = String(repeating: "value = compute(alpha, beta, gamma)  # a line of about 64 b\n", count: 34)
        #expect(source.utf8.count >= 2_000)
        var sources = Array(repeating: source, count: 5_000)
        sources[4_999] = "broken(\n"
        sources[2_500] = "x = 1\ny = (\n"
        let results = try PythonSyntaxChecker.check(sources, interpreter: python)
        #expect(results.count == 5_000)
        #expect(results.indices.filter { results[$0] != nil } == [2_500, 4_999])
        #expect(results[2_500]?.line == 2)
    }
}

@Suite("Python interpreter failures")
struct PythonInterpreterFailureTests {
    /// A directory with executable scripts, removed when the test ends.
    private final class ScriptDirectory {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-python-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        /// Writes an executable script. The descriptor is close-on-exec: a child process that
        /// other tests start meanwhile must not inherit it open for writing, or executing the
        /// script fails with "text file busy".
        func script(_ name: String, _ text: String) throws -> URL {
            let file = url.appendingPathComponent(name)
            let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
            defer { close(fd) }
            let bytes = Array(text.utf8)
            guard write(fd, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
            return file
        }
    }

    @Test("a crashing interpreter is a thrown error naming it and its stderr, even mid-write")
    func crash() throws {
        let directory = try ScriptDirectory()
        // Exits without reading stdin: writing 10 MB meets a closed pipe and must not kill us.
        let fake = try directory.script("python3", "#!/bin/sh\necho 'boom: no parser here' >&2\nexit 3\n")
        let sources = Array(repeating: String(repeating: "x = 1\n", count: 400), count: 5_000)
        let error = #expect(throws: PythonError.self) {
            try PythonSyntaxChecker.check(sources, interpreter: PythonInterpreter(executable: fake))
        }
        #expect(error?.message == "\(fake.path) exited with status 3 while checking syntax: boom: no parser here")
    }

    @Test("an interpreter answering garbage is an error")
    func garbage() throws {
        let directory = try ScriptDirectory()
        let fake = try directory.script("python3", "#!/bin/sh\ncat >/dev/null\necho '[null]'\n")
        let error = #expect(throws: PythonError.self) {
            try PythonSyntaxChecker.check(["a", "b"], interpreter: PythonInterpreter(executable: fake))
        }
        #expect(error?.message.contains("unreadable answer") == true)
    }

    @Test("resolution: a wrapper script is replaced by the interpreter it runs")
    func resolvesShim() throws {
        let real = try PythonInterpreter.resolve().executable
        let directory = try ScriptDirectory()
        let shim = try directory.script("python3", "#!/bin/sh\nexec '\(real.path)' \"$@\"\n")
        let viaPath = try PythonInterpreter.locate(environment: ["PATH": "/nonexistent:\(directory.url.path)"])
        #expect(viaPath.executable.resolvingSymlinksInPath() == real.resolvingSymlinksInPath())
        let viaVariable = try PythonInterpreter.locate(environment: ["CODEMODE_PYTHON": shim.path, "PATH": ""])
        #expect(viaVariable.executable.resolvingSymlinksInPath() == real.resolvingSymlinksInPath())
    }

    @Test("resolution: the cached interpreter is a binary, not a script")
    func cachedIsBinary() throws {
        let executable = try PythonInterpreter.resolve().executable
        let head = try FileHandle(forReadingFrom: executable).read(upToCount: 2)
        #expect(head != Data("#!".utf8))
        #expect(try PythonInterpreter.resolve() == PythonInterpreter.resolve())
    }

    @Test("resolution errors say what to do")
    func resolutionErrors() throws {
        let missing = #expect(throws: PythonError.self) {
            try PythonInterpreter.locate(environment: ["PATH": "/nonexistent"])
        }
        #expect(missing?.message == "python3 not found on PATH; install python3 (apt-get install python3) or set CODEMODE_PYTHON")
        let wrong = #expect(throws: PythonError.self) {
            try PythonInterpreter.locate(environment: ["CODEMODE_PYTHON": "/nonexistent/py"])
        }
        #expect(wrong?.message == "CODEMODE_PYTHON=/nonexistent/py: no executable file there; point it at a python3 interpreter")
        let directory = try ScriptDirectory()
        let broken = try directory.script("python3", "#!/bin/sh\necho 'pyenv: python3: command not found' >&2\nexit 127\n")
        let shimError = #expect(throws: PythonError.self) {
            try PythonInterpreter.locate(environment: ["CODEMODE_PYTHON": broken.path])
        }
        #expect(shimError?.message.hasSuffix("did not report its interpreter: pyenv: python3: command not found") == true)
    }
}
