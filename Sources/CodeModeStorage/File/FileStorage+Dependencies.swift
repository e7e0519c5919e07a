import Foundation
import CodeModeCore

/// Dependencies live in `requirements.txt` at the base, edited line by line so the
/// user's comments and order survive.
extension FileStorage {
    public func listDependencies() throws -> DependencyListing {
        let file = try readRequirements()
        return DependencyListing(specs: file.specs, problems: requirementsProblems(file))
    }

    public func addDependency(_ spec: DependencySpec) throws -> Bool {
        var file = try readRequirements()
        guard file.add(spec) else { return false }
        try FileIO.writeAtomically(Array(file.text.utf8), to: requirementsPath)
        return true
    }

    public func removeDependency(named name: String) throws -> Bool {
        var file = try readRequirements()
        guard file.remove(named: name) else { return false }
        try FileIO.writeAtomically(Array(file.text.utf8), to: requirementsPath)
        return true
    }

    func readRequirements() throws -> RequirementsFile {
        guard let bytes = try FileIO.read(requirementsPath) else { return RequirementsFile(text: "") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw StorageError(.corrupt, "requirements.txt is not valid UTF-8; save it as UTF-8")
        }
        return RequirementsFile(text: text)
    }

    func requirementsProblems(_ file: RequirementsFile) -> [LibraryProblem] {
        file.problems.map { LibraryProblem(path: "requirements.txt", line: $0.line, message: $0.reason) }
    }
}

extension FileStorage {
    public func listTools() throws -> ToolListing {
        let loaded = ToolDirectory.load(URL(fileURLWithPath: toolsPath))
        return ToolListing(tools: loaded.tools, problems: loaded.problems.map {
            LibraryProblem(path: $0.path, line: $0.line, message: $0.message)
        })
    }
}
