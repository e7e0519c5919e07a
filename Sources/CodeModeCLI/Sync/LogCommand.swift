import ArgumentParser
import CodeModeCore
import CodeModeSync
import Foundation

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "An environment's states, newest first: time, who, deployed commit, items changed."
    )

    @Argument(help: "The environment.")
    var environment: String

    @Option(name: .short, help: "Show at most this many states.")
    var n: Int?

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var listing: ListingOptions

    func validate() throws {
        if let n, n < 1 { throw ValidationError("-n must be at least 1") }
    }

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let states = try library.history(environment, limit: n ?? .max)
        let formatter = ISO8601DateFormatter()
        if output.json {
            output.printJSON(.array(states.map(\.jsonValue)))
            return
        }
        var lines: [String] = []
        for state in states {
            lines.append("\(SyncOutput.short(state.snapshot))  \(formatter.string(from: state.time))  \(state.operation)  \(state.who)")
            if let deployed = state.deployed { lines.append("    deployed \(SyncOutput.short(deployed))") }
            lines += state.gates.map { "    gate \($0)" }
            lines += listing.lines(state.changed.map { change in
                ItemListing.Item(kind: change.status.rawValue, line: "    \(change.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(change.path)")
            }, indent: "    ")
        }
        Console.output(lines.joined(separator: "\n"))
    }
}
