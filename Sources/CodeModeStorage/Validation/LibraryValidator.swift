import CodeModeCore
import Foundation

/// What `codemode validate` found.
public struct ValidationReport: Sendable {
    public var problems: [LibraryProblem] = []
    public var skillsChecked = 0
    public var toolsChecked = 0
    public var requirementFilesChecked = 0
    public var testsChecked = 0

    public init() {}

    public var jsonValue: JSONValue {
        .object([
            JSONMember("problems", .array(problems.map(\.jsonValue))),
            JSONMember("checked", .object([
                JSONMember("skills", .integer(skillsChecked)),
                JSONMember("tools", .integer(toolsChecked)),
                JSONMember("requirements", .integer(requirementFilesChecked)),
                JSONMember("tests", .integer(testsChecked)),
            ])),
        ])
    }

    mutating func merge(_ other: ValidationReport) {
        problems += other.problems
        skillsChecked += other.skillsChecked
        toolsChecked += other.toolsChecked
        requirementFilesChecked += other.requirementFilesChecked
        testsChecked += other.testsChecked
    }
}

/// Checks skills, tool YAML files and requirements.txt, reporting every problem, not only the first.
public enum LibraryValidator {
    /// Checks a whole library in the work tree: `skills/*.py`, `tools/*.yaml`, `requirements.txt`
    /// and `tests/test_*.py`.
    public static func validate(library: FileStorage, policy: SkillPolicy = SkillPolicy(), cacheFolder: String? = CacheFolder.path) throws -> ValidationReport {
        let skillFileNames = try library.skillFileNames()
        let skillsPath = library.skillsPath
        let contents = try skillFileNames.concurrentMap { try FileIO.read("\(skillsPath)/\($0)") ?? [] }
        var files = Dictionary(uniqueKeysWithValues: zip(skillFileNames.map { "skills/\($0)" }, contents))
        let toolNames = (try? FileManager.default.contentsOfDirectory(atPath: library.toolsPath)) ?? []
        for fileName in toolNames where fileName.hasSuffix(".yaml") || fileName.hasSuffix(".yml") {
            let path = "\(library.toolsPath)/\(fileName)"
            if !FileIO.isDirectory(path) { files["tools/\(fileName)"] = try FileIO.read(path) ?? [] }
        }
        files["requirements.txt"] = try FileIO.read(library.requirementsPath)
        for path in TestFolder.paths(inFolder: library.base) {
            files[path] = try FileIO.read(library.base.appendingPathComponent(path).path) ?? []
        }
        return try validate(files: files, policy: policy, cacheFolder: cacheFolder)
    }

    /// Checks a library given as its files — from the work tree, the index (`--staged`) or a
    /// commit (`--rev`): paths relative to the library folder → content. Only what belongs to
    /// a library is looked at: `skills/<name>.py`, `tools/<name>.yaml`, `requirements.txt`,
    /// `tests/test_<name>.py` (syntax only). Skills are also checked against `policy`.
    public static func validate(files: [String: [UInt8]], policy: SkillPolicy = SkillPolicy(), cacheFolder: String? = CacheFolder.path) throws -> ValidationReport {
        var report = ValidationReport()
        var skills: [SkillFileChecker.Input] = []
        var tools: [(name: String, content: Result<[UInt8], ToolProblem>)] = []
        var tests: [(path: String, bytes: [UInt8])] = []
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            switch kind(of: path) {
            case .skill(let name): skills.append(.init(path: path, name: name, bytes: bytes))
            case .tool(let fileName): tools.append((fileName, .success(bytes)))
            case .requirements:
                report.problems += requirementsProblems(bytes, path: path)
                report.requirementFilesChecked = 1
            case .test: tests.append((path, bytes))
            case nil: continue
            }
        }
        report.problems += try SkillFileChecker.check(skills, cacheFolder: cacheFolder)
        if !policy.isEmpty {
            report.problems += skills.concurrentMap { policy.findings(in: $0.bytes, path: $0.path) }.flatMap { $0 }
        }
        report.skillsChecked = skills.count
        report.problems += ToolDirectory.load(files: tools).problems.map {
            LibraryProblem(path: $0.path, line: $0.line, message: $0.message)
        }
        report.toolsChecked = tools.count
        report.problems += try testProblems(tests, cacheFolder: cacheFolder)
        report.testsChecked = tests.count
        report.problems.sort { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
        return report
    }

    private enum FileKind {
        case skill(name: String), tool(fileName: String), requirements, test
    }

    /// What a path relative to the library folder is to a library check, if anything.
    private static func kind(of path: String) -> FileKind? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0] == "skills", SkillFolder.isSkillFileName(parts[1]) {
            return .skill(name: String(parts[1].dropLast(3)))
        }
        if parts.count == 2, parts[0] == "tools", parts[1].hasSuffix(".yaml") || parts[1].hasSuffix(".yml") {
            return .tool(fileName: String(parts[1]))
        }
        if TestFolder.isTestFile(path) { return .test }
        return path == "requirements.txt" ? .requirements : nil
    }

    /// Test files are Python that must compile; what they test is `codemode test`'s to say.
    private static func testProblems(_ tests: [(path: String, bytes: [UInt8])], cacheFolder: String?) throws -> [LibraryProblem] {
        var problems: [LibraryProblem] = []
        var decoded: [(path: String, source: String)] = []
        for test in tests {
            guard let source = String(validating: test.bytes, as: UTF8.self) else {
                problems.append(LibraryProblem(path: test.path, message: "not valid UTF-8; save it as UTF-8"))
                continue
            }
            decoded.append((test.path, source))
        }
        let errors = try SyntaxCheck.check(decoded.map(\.source), cacheFolder: cacheFolder)
        for (test, error) in zip(decoded, errors) {
            if let error { problems.append(LibraryProblem(path: test.path, line: error.line, column: error.column, message: "syntax error: \(error.message)")) }
        }
        return problems
    }

    /// Whether a library check looks at this path (relative to the library folder).
    public static func isLibraryFile(_ path: String) -> Bool { kind(of: path) != nil }

    private static func requirementsProblems(_ bytes: [UInt8], path: String) -> [LibraryProblem] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return [LibraryProblem(path: path, message: "not valid UTF-8; save it as UTF-8")]
        }
        return RequirementsFile(text: text).problems.map { LibraryProblem(path: path, line: $0.line, message: $0.reason) }
    }

    /// Checks the given files and folders. A folder holding a library (codemode.yaml, skills/,
    /// tools/ or requirements.txt) is checked whole; any other folder for its `*.py` skills and
    /// `*.yaml` tools. Files are checked by kind: `.py` skill, `.yaml`/`.yml` tool, `.txt` requirements.
    public static func validate(paths: [String]) throws -> ValidationReport {
        var report = ValidationReport()
        var skillInputs: [SkillFileChecker.Input] = []
        for path in paths {
            guard FileIO.exists(path) else {
                report.problems.append(LibraryProblem(path: path, message: "no such file or folder"))
                continue
            }
            if FileIO.isDirectory(path) {
                if isLibraryFolder(path) {
                    var libraryReport = try validate(library: FileStorage(base: URL(fileURLWithPath: path)))
                    let prefix = path.hasSuffix("/") ? path : path + "/"
                    libraryReport.problems = libraryReport.problems.map { problem in
                        var problem = problem
                        if path != "." { problem.path = prefix + problem.path }
                        return problem
                    }
                    report.merge(libraryReport)
                    continue
                }
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
                for entry in entries where entry.hasSuffix(".py") || entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                    try check(file: (path as NSString).appendingPathComponent(entry), into: &report, skills: &skillInputs)
                }
            } else {
                try check(file: path, into: &report, skills: &skillInputs)
            }
        }
        report.problems += try SkillFileChecker.check(skillInputs)
        report.skillsChecked += skillInputs.count
        return report
    }

    private static func isLibraryFolder(_ path: String) -> Bool {
        [FileStorage.configFileName, "skills", "tools", "requirements.txt"].contains {
            FileIO.exists((path as NSString).appendingPathComponent($0))
        }
    }

    private static func check(file path: String, into report: inout ValidationReport, skills: inout [SkillFileChecker.Input]) throws {
        let fileName = (path as NSString).lastPathComponent
        if fileName.hasSuffix(".py") {
            skills.append(.init(path: path, name: String(fileName.dropLast(3)), bytes: try FileIO.read(path) ?? []))
        } else if fileName.hasSuffix(".yaml") || fileName.hasSuffix(".yml") {
            if case .failure(let problem) = ToolDirectory.loadFile(URL(fileURLWithPath: path), displayPath: path) {
                report.problems.append(LibraryProblem(path: problem.path, line: problem.line, message: problem.message))
            }
            report.toolsChecked += 1
        } else if fileName.hasSuffix(".txt") {
            report.problems += requirementsProblems(try FileIO.read(path) ?? [], path: path)
            report.requirementFilesChecked += 1
        } else {
            report.problems.append(LibraryProblem(path: path, message: "cannot check this kind of file: expected a skill (.py), a tool (.yaml) or a requirements file (.txt)"))
        }
    }
}
