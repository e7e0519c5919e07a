import ArgumentParser

struct ArtifactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact",
        abstract: "Save, load, list and delete the artifacts agents keep between runs.",
        subcommands: [ArtifactListCommand.self, ArtifactSaveCommand.self, ArtifactLoadCommand.self, ArtifactDeleteCommand.self]
    )
}

struct ArtifactNameArgument: ParsableArguments {
    @Argument(help: "The artifact's name, a path inside artifacts/ such as 'reports/today.json'.")
    var name: String
}
