import ArgumentParser
import CodeModeCore
import CodeModeStorage
import Foundation

struct StoreBootstrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Write skills, tools or dependencies from files into a Redis prefix.",
        discussion: """
            Only what differs is written, in one MULTI/EXEC: readers see the old set or the new \
            one. With --clear the prefix ends up holding exactly the source's items — replaced \
            in the same transaction, so agents never see an empty library. Invalid skills are \
            reported and not written (with --clear, nothing is written).
            """
    )

    @Option(name: .long, help: ArgumentHelp("A library folder, a folder of skills or tools, or a requirements file (--type deps).", valueName: "path"))
    var source: String?

    @OptionGroup var redis: RedisTargetOptions

    @Option(name: .long, help: "What to write: skills, tools or deps.")
    var type: StoreItemType = .skills

    @Flag(name: .long, help: "Make the prefix hold exactly the source's items (removes the others).")
    var clear = false

    @Option(name: .long, parsing: .upToNextOption, help: "Dependency specs to add (with --type deps).")
    var deps: [String] = []

    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func validate() throws {
        if type != .deps && source == nil {
            throw ValidationError("--source is required for --type \(type.rawValue)")
        }
        if type == .deps && source == nil && deps.isEmpty {
            throw ValidationError("no dependencies given: use --source requirements.txt or --deps SPEC...")
        }
    }

    func run() async throws {
        let storage = try redis.storage()
        let report: TransferReport
        let noun: String
        switch type {
        case .skills:
            report = try bootstrapSkills(storage)
            noun = "skills"
        case .tools:
            report = try bootstrapTools(storage)
            noun = "tools"
        case .deps:
            report = try bootstrapDependencies(storage)
            noun = "deps"
        }
        print(report, noun: noun, storage: storage)
        if !report.problems.isEmpty { throw CommandFailure(message: nil) }
    }

    private func bootstrapSkills(_ storage: RedisStorage) throws -> TransferReport {
        let folder = StoreSource.folder(source ?? ".", containing: "skills")
        guard FileManager.default.fileExists(atPath: folder) else {
            throw CommandFailure(message: "--source \(folder): no such folder")
        }
        let checked = try SyntaxCheckedSkills.read(folder: folder)
        try refuseToClear(checked.problems, "invalid skill(s) in \(folder)")
        let progress = ProgressLine(label: "writing skills")
        var report = try storage.bootstrapSkills(checked.skills, clear: clear, progress: progress.handler)
        progress.finish()
        report.problems = checked.problems
        return report
    }

    private func bootstrapTools(_ storage: RedisStorage) throws -> TransferReport {
        let folder = StoreSource.folder(source ?? ".", containing: "tools")
        let loaded = ToolDirectory.load(URL(fileURLWithPath: folder))
        let problems = loaded.problems.map { LibraryProblem(path: $0.path, line: $0.line, message: $0.message) }
        try refuseToClear(problems, "invalid tool file(s)")
        var report = try storage.bootstrapTools(loaded.tools, clear: clear)
        report.problems = problems
        return report
    }

    private func bootstrapDependencies(_ storage: RedisStorage) throws -> TransferReport {
        var text: String?
        var path = "requirements.txt"
        if let source {
            path = StoreSource.file(source, named: "requirements.txt")
            guard let data = FileManager.default.contents(atPath: path), let read = String(validating: data, as: UTF8.self) else {
                throw CommandFailure(message: "--source \(path): cannot read the file (it must exist and be UTF-8)")
            }
            text = read
        }
        let (specs, problems) = RequirementsFile.specs(text: text, path: path, adding: deps)
        try refuseToClear(problems, "invalid dependency spec(s)")
        var report = try storage.bootstrapDependencies(specs, clear: clear)
        report.problems = problems
        return report
    }

    /// With --clear, what cannot be read would vanish from the prefix: refuse before anything
    /// is written, naming each problem.
    private func refuseToClear(_ problems: [LibraryProblem], _ what: String) throws {
        guard clear, !problems.isEmpty else { return }
        for problem in problems { Console.message("codemode: \(problem)") }
        throw CommandFailure(message: "\(problems.count) \(what); with --clear they would be removed from the prefix — fix them first; nothing was written")
    }

    private func print(_ report: TransferReport, noun: String, storage: RedisStorage) {
        for problem in report.problems { Console.message("codemode: \(problem)") }
        if output.json {
            output.printJSON(report.jsonValue)
            return
        }
        var lines = listing.lines(ItemListing.named(report.removed, "Removed") + ItemListing.named(report.added, "Added")
                                  + ItemListing.named(report.updated, "Updated"))
        if !lines.isEmpty { lines.append("") }
        lines.append("Bootstrapped \(report.added.count + report.updated.count) \(noun) to \(storage.url) (prefix: \(storage.prefix)); \(report.unchanged.count) unchanged, \(report.removed.count) removed")
        Console.output(lines.joined(separator: "\n"))
    }
}

/// Where the store commands find their local side.
enum StoreSource {
    /// `path/<subfolder>` when `path` is a library folder holding it, else `path` itself.
    static func folder(_ path: String, containing subfolder: String) -> String {
        let nested = (path as NSString).appendingPathComponent(subfolder)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory), isDirectory.boolValue {
            return nested
        }
        return path
    }

    /// `path/<name>` when `path` is a folder, else `path`.
    static func file(_ path: String, named name: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return (path as NSString).appendingPathComponent(name)
        }
        return path
    }
}
