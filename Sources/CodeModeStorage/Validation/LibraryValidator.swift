import CodeModeCore
import Foundation

/// What `codemode validate` found.
public struct ValidationReport: Sendable {
    public var problems: [LibraryProblem] = []
    public var skillsChecked = 0
    public var toolsChecked = 0
    public var requirementFilesChecked = 0

    public init() {}

    public var jsonValue: JSONValue {
        .object([
            JSONMember("problems", .array(problems.map(\.jsonValue))),
            JSONMember("checked", .object([
                JSONMember("skills", .integer(skillsChecked)),
                JSONMember("tools", .integer(toolsChecked)),
                JSONMember("requirements", .integer(requirementFilesChecked)),
            ])),
        ])
    }

    mutating func merge(_ other: ValidationReport) {
        problems += other.problems
        skillsChecked += other.skillsChecked
        toolsChecked += other.toolsChecked
        requirementFilesChecked += other.requirementFilesChecked
    }
}

/// Checks skills, tool YAML files and requirements.txt, reporting every problem, not only the first.
public enum LibraryValidator {
    /// Checks a whole library: `skills/*.py`, `tools/*.yaml` and `requirements.txt`.
    public static func validate(library: FileStorage) throws -> ValidationReport {
        var report = ValidationReport()
        let skillFiles = try library.skillFileNames()
        var inputs: [SkillFileChecker.Input] = []
        for fileName in skillFiles {
            let bytes = try FileIO.read("\(library.skillsPath)/\(fileName)") ?? []
            inputs.append(.init(path: "skills/\(fileName)", name: String(fileName.dropLast(3)), bytes: bytes))
        }
        report.problems += try SkillFileChecker.check(inputs)
        report.skillsChecked = inputs.count

        let tools = try library.listTools()
        report.problems += tools.problems
        report.toolsChecked = tools.tools.count + Set(tools.problems.map(\.path)).count

        if FileIO.exists(library.requirementsPath) {
            report.problems += library.requirementsProblems(try library.readRequirements())
            report.requirementFilesChecked = 1
        }
        return report
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
            guard let text = String(validating: try FileIO.read(path) ?? [], as: UTF8.self) else {
                report.problems.append(LibraryProblem(path: path, message: "not valid UTF-8; save it as UTF-8"))
                return
            }
            report.problems += RequirementsFile(text: text).problems.map {
                LibraryProblem(path: path, line: $0.line, message: $0.reason)
            }
            report.requirementFilesChecked += 1
        } else {
            report.problems.append(LibraryProblem(path: path, message: "cannot check this kind of file: expected a skill (.py), a tool (.yaml) or a requirements file (.txt)"))
        }
    }
}
