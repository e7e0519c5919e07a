import ArgumentParser
import CodeModeCore
import Foundation

struct ArtifactLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Write an artifact's payload to standard output."
    )

    @OptionGroup var artifact: ArtifactNameArgument
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let name = try ArtifactName(validating: artifact.name)
        switch try library.storage().loadArtifact(name) {
        case .text(let text): FileHandle.standardOutput.write(Data(text.utf8))
        case .bytes(let data): FileHandle.standardOutput.write(data)
        case .json(let json): Console.output(PythonJSONEncoder(indent: 2).encode(json))
        }
    }
}

struct ArtifactDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an artifact.")

    @OptionGroup var artifact: ArtifactNameArgument
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let name = try ArtifactName(validating: artifact.name)
        guard try library.storage().deleteArtifact(name) else {
            throw CommandFailure(message: "no artifact named '\(name)' — nothing deleted")
        }
        Console.output("deleted artifact '\(name)'")
    }
}
