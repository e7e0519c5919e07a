import ArgumentParser
import CodeModeCore
import CodeModeSession
import Foundation

/// `codemode repl`: an interactive session, cell by cell.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Type Python into a session, with the namespaces skills, artifacts, tools and deps.",
        discussion: """
            A line that opens a block (ends with ':'), leaves a bracket or a triple-quoted string open, or ends \
            with '\\' continues on the next line; a block ends at an empty line. %reset forgets every variable; \
            %exit or end of input (Ctrl-D) leaves. Prompts are shown only on a terminal. See docs/sessions.md.
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    func run() async throws {
        let session = try sessionOptions.session()
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive { Console.output("codemode session on \(session.location); %reset, %exit") }
        try await session.start()
        var cell = CellInput()
        while true {
            if interactive { Console.rawOutput(cell.isEmpty ? ">>> " : "... ") }
            guard let line = readLine(strippingNewline: true) else { break }
            if cell.isEmpty {
                switch line.trimmingCharacters(in: .whitespaces) {
                case "": continue
                case "%exit", "%quit": await session.close(); return
                case "%reset":
                    try await session.reset()
                    Console.output("(variables forgotten)")
                    continue
                default: break
                }
            }
            guard let code = cell.add(line) else { continue }
            RunCommand.show(try await session.run(code))
        }
        if let code = cell.finish() { RunCommand.show(try await session.run(code)) }
        await session.close()
    }
}

/// Lines typed so far, and whether they make a whole cell yet — as Python's own prompt
/// decides: a block goes on until an empty line; open brackets, triple quotes and a final
/// backslash continue the statement.
struct CellInput {
    private var lines: [String] = []
    private var inBlock = false

    var isEmpty: Bool { lines.isEmpty }

    /// Adds a line; returns the cell when it is complete.
    mutating func add(_ line: String) -> String? {
        if inBlock && line.trimmingCharacters(in: .whitespaces).isEmpty { return finish() }
        lines.append(line)
        let text = lines.joined(separator: "\n")
        if PythonInput.isOpen(text) { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        // A compound statement or a decorated definition; it ends at an empty line.
        if trimmed.hasSuffix(":") || trimmed.hasPrefix("@") { inBlock = true }
        return inBlock ? nil : finish()
    }

    /// The cell so far, ending it.
    mutating func finish() -> String? {
        defer {
            lines = []
            inBlock = false
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n") + "\n"
    }
}
