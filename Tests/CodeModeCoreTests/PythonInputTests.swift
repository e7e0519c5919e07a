import CodeModeCore
import Foundation
import Testing

/// When a console reads another line: compared with CPython's own `codeop`, which its
/// interactive console uses (None: the input is incomplete).
@Suite("console input")
struct PythonInputTests {
    static let cases = [
        "print(1)", "x = (1,", "d = {'a': [1, 2", "s = '''abc", "s = \"\"\"one\ntwo", "x = 1 + \\", "x = 'abc",
        "x = (1))", "f(a,\n  b)", "s = '''done'''", "# just a comment (", "x = [1, # (\n 2", "x = 'a(' + \"b[\"",
        "rb'''raw", "t = f'{x}' + (", "y = ]",
    ]

    @Test func agreesWithCodeop() throws {
        let script = """
            import codeop, json, sys
            results = []
            for source in json.load(sys.stdin):
                try:
                    results.append(codeop.compile_command(source, "<input>", "exec") is None)
                except (SyntaxError, ValueError, OverflowError):
                    results.append(False)
            print(json.dumps(results))
            """
        let input = try JSONSerialization.data(withJSONObject: Self.cases)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let expected = try #require(try JSONSerialization.jsonObject(with: output) as? [Bool])
        for (source, open) in zip(Self.cases, expected) {
            #expect(PythonInput.isOpen(source) == open, "\(source)")
        }
    }
}
