import ArgumentParser
import CodeModeCore
import CodeModeStorage

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check skills, tool YAML files and requirements.txt; report every problem.",
        discussion: """
            Without PATH, checks the whole library. A PATH may be a library folder, a folder of \
            skills or tools, or single files (.py skill, .yaml tool, .txt requirements). \
            Exits 0 when everything is valid and 1 when problems were found.
            """
    )

    @Argument(help: "Files or folders to check (default: the library).", completion: .file())
    var paths: [String] = []

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report = paths.isEmpty
            ? try LibraryValidator.validate(library: library.fileStorage())
            : try LibraryValidator.validate(paths: paths)
        if output.json {
            output.printJSON(report.jsonValue)
        } else {
            var lines = report.problems.map(\.description)
            let summary = "checked \(report.skillsChecked) skill(s), \(report.toolsChecked) tool file(s), \(report.requirementFilesChecked) requirements file(s)"
            lines.append(report.problems.isEmpty ? "\(summary): no problems" : "\(summary): \(report.problems.count) problem(s)")
            Console.output(lines.joined(separator: "\n"))
        }
        if !report.problems.isEmpty { throw CommandFailure(message: nil) }
    }
}
