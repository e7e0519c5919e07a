import Foundation

/// Reads what a command takes as input: the file named with `--file`, else standard input.
enum InputFile {
    /// - Parameter what: what is being read, for the hint shown when stdin is a terminal.
    static func read(_ file: String?, what: String) throws -> Data {
        if let file {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(message: "--file \(file): cannot read the file")
            }
            return contents
        }
        if isatty(STDIN_FILENO) == 1 {
            Console.message("reading \(what) from standard input; end with Ctrl-D")
        }
        return FileHandle.standardInput.readDataToEndOfFile()
    }
}
