import ArgumentParser
import CodeModeCore
import Foundation

struct ArtifactSaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Save an artifact from a file or from standard input."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case text, bytes, json
    }

    @OptionGroup var artifact: ArtifactNameArgument

    @Option(name: .long, help: ArgumentHelp("Read the payload from this file (default: standard input).", valueName: "path"))
    var file: String?

    @Option(name: .long, help: "How to store it: text, bytes or json (default: text when the payload is UTF-8, else bytes).")
    var type: Kind?

    @Option(name: .long, help: "A description for the index.")
    var description: String = ""

    @OptionGroup var library: LibraryOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let name = try ArtifactName(validating: artifact.name)
        let data = try InputFile.read(file, what: "the payload of '\(name)'")
        let record = try library.storage().saveArtifact(name, value: try value(of: data), description: description, metadata: [])
        if output.json {
            output.printJSON(record.listingJSON)
        } else {
            Console.output("saved artifact '\(name)' (\(record.dataType?.rawValue ?? "text"))")
        }
    }

    private func value(of data: Data) throws -> ArtifactValue {
        let text = String(validating: data, as: UTF8.self)
        switch type ?? (text == nil ? .bytes : .text) {
        case .bytes:
            return .bytes(data)
        case .text:
            guard let text else { throw CommandFailure(message: "the payload is not UTF-8 text; save it with --type bytes") }
            return .text(text)
        case .json:
            do {
                return .json(try JSONParser.parse(data: data))
            } catch {
                throw CommandFailure(message: "--type json: the payload is not JSON (\(error))")
            }
        }
    }
}
