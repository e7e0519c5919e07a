import Foundation

/// Checks Python sources with Python's own parser.
public enum PythonSyntaxChecker {
    /// Checks many sources with a few python3 processes for the whole batch — never one
    /// per source.
    ///
    /// Each source is compiled the way py-code-mode compiles a skill (`compile(..., "exec")`,
    /// after which it would run it), so what Python refuses only at compile time — `return`
    /// or `await` at module level — is reported too. Nothing is executed.
    ///
    /// Python's parser costs about 1 ms per 3 KB skill on a slow machine, so a large batch
    /// is split into one contiguous chunk per core, checked by concurrent processes.
    ///
    /// - Returns: per input index, nil when the source compiles, else its first syntax error.
    ///   An empty batch starts no process.
    /// - Throws: ``PythonError`` when python3 cannot be started, crashes or answers with
    ///   something else than one result per source.
    public static func check(_ sources: [String], interpreter: PythonInterpreter) throws(PythonError) -> [PythonSyntaxError?] {
        guard !sources.isEmpty else { return [] }
        let processCount = min(ProcessInfo.processInfo.activeProcessorCount, max(1, sources.count / minimumChunkSize))
        let chunkSize = (sources.count + processCount - 1) / processCount
        let chunks = stride(from: 0, to: sources.count, by: chunkSize).map { Array(sources[$0..<min($0 + chunkSize, sources.count)]) }
        let outcomes = ResultSlots<Result<[PythonSyntaxError?], PythonError>>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            outcomes.fill(index, with: Result { () throws(PythonError) in try checkInOneProcess(chunks[index], interpreter: interpreter) })
        }
        var results: [PythonSyntaxError?] = []
        results.reserveCapacity(sources.count)
        for outcome in outcomes.values {
            guard let outcome else { continue }
            results += try outcome.get()
        }
        return results
    }

    /// Below this many sources per process, starting another process costs more than it saves.
    private static let minimumChunkSize = 200

    private static func checkInOneProcess(_ sources: [String], interpreter: PythonInterpreter) throws(PythonError) -> [PythonSyntaxError?] {
        let python = interpreter.executable.path
        let output: ChildProcess.Output
        do {
            let input = try JSONEncoder().encode(sources)
            // -I: ignore PYTHON* variables, user site and the current directory;
            // -S: skip `site` — only json, sys and warnings are needed, and start-up is ~30 ms faster.
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
        import json, sys, warnings

        # Invalid escape sequences and the like are warnings, not errors; keep them quiet.
        warnings.simplefilter("ignore")

        def first_error(source):
            try:
                compile(source, "<skill>", "exec", dont_inherit=True)
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
