/// Why a tool definition was refused.
public struct ToolSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The tool's name, when it could be read.
    public var tool: String?
    /// The path of the offending field, e.g. `recipes.get.params.url.type`; nil for the
    /// whole definition.
    public var field: String?
    /// What is wrong and what to do, naming the tool and the field.
    public var message: String

    public init(tool: String?, field: String?, message: String) {
        self.tool = tool
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
