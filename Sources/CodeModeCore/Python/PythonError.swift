/// A failure to find or run the Python interpreter.
public struct PythonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong and what to do, naming the interpreter.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
