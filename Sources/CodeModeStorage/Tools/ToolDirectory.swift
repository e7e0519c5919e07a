public import CodeModeCore
public import Foundation

/// The `tools/` directory of a library: one tool definition per `*.yaml` file.
public struct ToolDirectory {
    /// Loads every `*.yaml` file, in file-name order (as py-code-mode does).
    ///
    /// One bad file never stops the others: it is reported in `problems` with its path
    /// (relative, like `tools/x.yaml`) and, for YAML syntax errors, the line. A second file
    /// defining a tool name already loaded is reported and skipped. `*.yml` files are
    /// reported too, since py-code-mode would not see them. A missing directory has no
    /// tools and no problems.
    public static func load(_ directory: URL) -> (tools: [ToolSpec], problems: [ToolProblem]) {
        let folder = directory.lastPathComponent
        guard FileManager.default.fileExists(atPath: directory.path) else { return ([], []) }
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        } catch {
            return ([], [ToolProblem(path: folder, line: nil, message: "cannot list the directory: \(error.localizedDescription)")])
        }
        var files: [(name: String, content: Result<[UInt8], ToolProblem>)] = []
        for entry in entries where entry.lastPathComponent.hasSuffix(".yaml") || entry.lastPathComponent.hasSuffix(".yml") {
            let path = "\(folder)/\(entry.lastPathComponent)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: entry.path, isDirectory: &isDirectory), isDirectory.boolValue {
                files.append((entry.lastPathComponent, .failure(ToolProblem(path: path, line: nil, message: "is a directory, not a tool file"))))
            } else if let data = FileManager.default.contents(atPath: entry.path) {
                files.append((entry.lastPathComponent, .success(Array(data))))
            } else {
                files.append((entry.lastPathComponent, .failure(ToolProblem(path: path, line: nil, message: "cannot read the file"))))
            }
        }
        return load(files: files, folder: folder)
    }

    /// The same for files already in memory (staged in the index, or in a commit):
    /// `(file name, content or why it could not be read)`.
    public static func load(files: [(name: String, content: Result<[UInt8], ToolProblem>)], folder: String = "tools")
        -> (tools: [ToolSpec], problems: [ToolProblem]) {
        var tools: [ToolSpec] = []
        var problems: [ToolProblem] = []
        var definedIn: [String: String] = [:]
        // Code point order, like Python's sorted() on paths.
        for (name, content) in files.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let path = "\(folder)/\(name)"
            if name.hasSuffix(".yml") {
                let renamed = name.dropLast(4) + ".yaml"
                problems.append(ToolProblem(path: path, line: nil, message:
                    "ignored: tool files must end in '.yaml' (py-code-mode reads only those); rename it to '\(renamed)'"))
                continue
            }
            guard name.hasSuffix(".yaml") else { continue }
            switch content.flatMap({ parse($0, displayPath: path) }) {
            case .failure(let problem):
                problems.append(problem)
            case .success(let tool):
                if let first = definedIn[tool.name] {
                    problems.append(ToolProblem(path: path, line: nil, message:
                        "tool '\(tool.name)' is already defined in \(first); rename one of them"))
                } else {
                    definedIn[tool.name] = path
                    tools.append(tool)
                }
            }
        }
        return (tools, problems)
    }

    /// Reads one tool file; a problem is reported under `displayPath`.
    public static func loadFile(_ file: URL, displayPath: String) -> Result<ToolSpec, ToolProblem> {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .failure(ToolProblem(path: displayPath, line: nil, message: "cannot read the file"))
        }
        return parse(Array(data), displayPath: displayPath)
    }

    /// Parses the content of one tool file.
    public static func parse(_ bytes: [UInt8], displayPath: String) -> Result<ToolSpec, ToolProblem> {
        func problem(line: Int? = nil, _ message: String) -> Result<ToolSpec, ToolProblem> {
            .failure(ToolProblem(path: displayPath, line: line, message: message))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return problem("not UTF-8 text; save it as UTF-8")
        }
        let json: JSONValue
        do {
            json = try YAMLDocument.load(text)
        } catch {
            let place = error.column.map { "column \($0): " } ?? ""
            return problem(line: error.line, "invalid YAML: \(place)\(error.message)")
        }
        if json == .null {
            return problem("the file is empty; a tool file needs at least 'name' and 'recipes'")
        }
        do {
            return .success(try ToolSpec(json: json))
        } catch {
            return problem(error.message)
        }
    }
}
