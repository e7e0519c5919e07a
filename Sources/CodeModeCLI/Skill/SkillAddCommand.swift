import ArgumentParser
import CodeModeCore
import Foundation

struct SkillAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a skill from a file or from standard input.",
        discussion: """
            The source must define 'async def run(...)' at module level. A --description that the \
            source does not carry is written into the file as its module docstring.
            """
    )

    @OptionGroup var nameArgument: SkillNameArgument

    @Option(name: .long, help: ArgumentHelp("Read the source from this file (default: standard input).", valueName: "path"),
            completion: .file(extensions: ["py"]))
    var file: String?

    @Option(name: .long, help: "A one-line description; written as the module docstring when the source lacks it.")
    var description: String?

    @Flag(name: .long, help: "Replace an existing skill of that name.")
    var force = false

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let skillName = try nameArgument.skillName
        let source = try readSource(of: skillName)
        let storage = try library.storage()
        let outcome = try storage.saveSkill(skillName, source: source, description: description, replacing: force)
        output.printSaved(outcome, at: storage.skillLocation(skillName))
    }

    private func readSource(of skillName: SkillName) throws -> String {
        let data = try InputFile.read(file, what: "the source of '\(skillName)'")
        guard let source = String(validating: data, as: UTF8.self) else {
            throw CommandFailure(message: "the source of '\(skillName)' is not valid UTF-8; save it as UTF-8")
        }
        return source
    }
}
