import ArgumentParser
import CodeModeCore

struct ArtifactListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the artifacts.")

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let records = try library.storage().listArtifacts()
        if output.json {
            output.printJSON(.array(records.map(\.listingJSON)))
            return
        }
        let width = records.map(\.name.rawValue.count).max() ?? 0
        let lines = records.map { record in
            [record.name.rawValue.padding(toLength: width, withPad: " ", startingAt: 0),
             record.dataType?.rawValue ?? "-", record.createdAt, record.description].joined(separator: "  ")
        }
        Console.output(lines.isEmpty ? "no artifacts" : lines.joined(separator: "\n"))
    }
}
