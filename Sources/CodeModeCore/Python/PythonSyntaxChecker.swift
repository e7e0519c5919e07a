import Foundation

/// Checks Python sources with Python's own parser.
public enum PythonSyntaxChecker {
    /// Checks many sources in ONE python3 process (never one per source).
    ///
    /// Only parsing is checked (`ast.parse` semantics, as py-code-mode's skill
    /// validation): code that parses but would fail when compiled — `return` or `await`
    /// at module level — is not reported.
    ///
    /// - Returns: per input index, nil when the source parses, else its first syntax error.
    ///   An empty batch starts no process.
    /// - Throws: ``PythonError`` when python3 cannot be started, crashes or answers with
    ///   something else than one result per source.
    public static func check(_ sources: [String], interpreter: PythonInterpreter) throws(PythonError) -> [PythonSyntaxError?] {
        guard !sources.isEmpty else { return [] }
        let python = interpreter.executable.path
        let output: ChildProcess.Output
        do {
            let input = try JSONEncoder().encode(sources)
            // -I: ignore PYTHON* variables, user site and the current directory;
            // -S: skip `site` — only ast, json and sys are needed, and start-up is ~30 ms faster.
            output = try ChildProcess.run(interpreter.executable, arguments: ["-I", "-S", "-c", script], input: input)
        } catch {
            throw PythonError("\(python): could not run the syntax check: \(error.localizedDescription)")
        }
        guard output.status == 0, !output.killedBySignal else {
            let how = output.killedBySignal ? "was killed by signal \(output.status)" : "exited with status \(output.status)"
            let stderr = String(decoding: output.stderr, as: UTF8.self).trimmingWhitespace()
            throw PythonError("\(python) \(how) while checking syntax" + (stderr.isEmpty ? "" : ": \(stderr)"))
        }
        guard let results = try? JSONDecoder().decode([Answer?].self, from: output.stdout),
              results.count == sources.count
        else {
            throw PythonError("\(python) gave an unreadable answer to the syntax check")
        }
        return results.map { answer in
            answer.map { PythonSyntaxError(line: $0.line, column: $0.column, message: $0.message) }
        }
    }

    private struct Answer: Decodable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Reads a JSON array of sources on stdin and writes a JSON array of results (null or
    /// {line, column, message}) on stdout. Stdlib only; runs on Python 3.8 and later.
    private static let script = #"""
        import ast, json, sys

        def first_error(source):
            try:
                compile(source, "<skill>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
                return None
            except SyntaxError as error:  # IndentationError and TabError included
                line, column, message = error.lineno, error.offset, error.msg
            except ValueError as error:  # NUL characters, before Python 3.12
                line, column, message = None, None, str(error)
            except (RecursionError, MemoryError):
                line, column, message = None, None, "too deeply nested to parse"
            if line is None and "\0" in source:
                nul = source.index("\0")
                line = source.count("\n", 0, nul) + 1
                column = nul - source.rfind("\n", 0, nul)
            return {"line": line or 1, "column": column or 0, "message": str(message)}

        sources = json.loads(sys.stdin.buffer.read())
        sys.stdout.write(json.dumps([first_error(source) for source in sources]))
        """#
}
