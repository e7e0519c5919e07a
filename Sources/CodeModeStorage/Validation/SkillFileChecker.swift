import CodeModeCore

/// Checks many skill files at once: name, encoding, `async def run(...)`, and the full
/// syntax check of ``SyntaxCheck`` for the whole batch.
public enum SkillFileChecker {
    public struct Input: Sendable {
        /// The path shown in problems.
        public var path: String
        /// The skill name the file would have (its stem).
        public var name: String
        public var bytes: [UInt8]

        public init(path: String, name: String, bytes: [UInt8]) {
            self.path = path
            self.name = name
            self.bytes = bytes
        }
    }

    /// Every problem of every input; an input without problems is a valid skill.
    public static func check(_ inputs: [Input], cacheFolder: String? = CacheFolder.path) throws -> [LibraryProblem] {
        var problems: [[LibraryProblem]] = Array(repeating: [], count: inputs.count)
        var decoded: [(index: Int, source: String)] = []
        for (index, input) in inputs.enumerated() {
            if let reason = SkillName.problem(with: input.name) {
                problems[index].append(LibraryProblem(path: input.path, message: "invalid skill name '\(NameLength.shortened(input.name))': \(reason)"))
            }
            do {
                decoded.append((index, try SkillFileText.decode(input.bytes)))
            } catch let problem as SkillFileText.DecodingProblem {
                problems[index].append(LibraryProblem(path: input.path, line: problem.line, message: problem.message))
            }
        }
        let syntaxErrors = try SyntaxCheck.check(decoded.map(\.source), cacheFolder: cacheFolder)
        let positions = [Int](decoded.indices)
        let decodedSources = decoded
        let readerProblems = positions.concurrentMap { position -> LibraryProblem? in
            let (index, source) = decodedSources[position]
            let path = inputs[index].path
            if let syntaxError = syntaxErrors[position] {
                // The reader's view of a file Python cannot parse would only add noise.
                return LibraryProblem(path: path, line: syntaxError.line, column: syntaxError.column,
                                      message: "syntax error: \(syntaxError.message)")
            }
            do throws(SkillSourceError) {
                _ = try SkillSourceReader.read(source)
                return nil
            } catch {
                return LibraryProblem(path: path, line: error.line > 0 ? error.line : nil, message: error.message)
            }
        }
        for ((index, _), problem) in zip(decodedSources, readerProblems) {
            if let problem { problems[index].append(problem) }
        }
        return problems.flatMap { $0 }
    }
}
