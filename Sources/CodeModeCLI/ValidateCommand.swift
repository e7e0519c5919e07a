import ArgumentParser
import CodeModeCore
import CodeModeStorage
import CodeModeSync
import Foundation

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check skills, tool YAML files and requirements.txt; report every problem.",
        discussion: """
            Without PATH, checks the whole library in the work tree; --staged checks what is \
            staged in the git index (what the next commit will hold), --rev REV a commit. A PATH \
            may be a library folder, a folder of skills or tools, or single files (.py skill, \
            .yaml tool, .txt requirements). Content already found valid is remembered by its \
            git blob id (in .git/codemode inside a repository) and not parsed again. \
            Exits 0 when everything is valid and 1 when problems were found.
            """
    )

    @Argument(help: "Files or folders to check (default: the library).", completion: .file())
    var paths: [String] = []

    @Flag(name: .long, help: "Check the content staged in the git index, not the work tree.")
    var staged = false

    @Option(name: .long, help: ArgumentHelp("Check the library as committed in REV (a branch, tag or commit).", valueName: "rev"))
    var rev: String?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if staged && rev != nil { throw ValidationError("use either --staged or --rev, not both") }
        if (staged || rev != nil) && !paths.isEmpty { throw ValidationError("--staged and --rev check the whole library; leave out the paths") }
    }

    func run() async throws {
        let report = try check()
        if output.json {
            output.printJSON(report.jsonValue)
        } else {
            var lines = report.problems.map(\.description)
            let summary = "checked \(report.skillsChecked) skill(s), \(report.toolsChecked) tool file(s), \(report.requirementFilesChecked) requirements file(s)" + (report.testsChecked > 0 ? ", \(report.testsChecked) test file(s)" : "")
            lines.append(report.problems.isEmpty ? "\(summary): no problems" : "\(summary): \(report.problems.count) problem(s)")
            Console.output(lines.joined(separator: "\n"))
        }
        if !report.problems.isEmpty { throw CommandFailure(message: nil) }
    }

    private func check() throws -> ValidationReport {
        if !paths.isEmpty { return try LibraryValidator.validate(paths: paths) }
        let storage = try library.fileStorage()
        let git = try GitLibrary.find(base: storage.base)
        let cacheFolder = git?.cacheFolder ?? CacheFolder.path
        // The default policy of codemode.yaml, as the work tree has it.
        let policy = try EnvironmentConfig.load(libraryFolder: storage.base).policy
        guard staged || rev != nil else { return try LibraryValidator.validate(library: storage, policy: policy, cacheFolder: cacheFolder) }
        guard let git else {
            throw CommandFailure(message: "\(storage.location) is not in a git repository; --staged and --rev need one (run plain 'codemode validate')")
        }
        let files = try rev.map { try git.files(atRevision: $0) } ?? git.stagedFiles()
        return try LibraryValidator.validate(files: files, policy: policy, cacheFolder: cacheFolder)
    }
}
