/// One parameter of a skill's `run`, as py-code-mode describes it (COMPAT.md §3.4).
public struct SkillParameter: Hashable, Sendable {
    public var name: String
    /// "string", "integer", "number", "boolean", "array" or "object".
    public var type: String
    /// Always "": py-code-mode never fills it.
    public var description: String
    /// True when the parameter has no default.
    public var required: Bool
    /// The default as JSON; `.null` when there is none or when it is not a literal JSON can carry.
    public var defaultValue: JSONValue

    public init(name: String, type: String, description: String = "", required: Bool, defaultValue: JSONValue = .null) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
        self.defaultValue = defaultValue
    }

    /// True for the names py-code-mode leaves out because it meant to inject them
    /// (it never does): `tools`, `skills`, `artifacts`; `deps` is kept.
    static func isInjected(_ name: PythonToken, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        name.is("tools", in: bytes) || name.is("skills", in: bytes) || name.is("artifacts", in: bytes)
    }

    /// The type py-code-mode gives an annotation: only the exact builtins map, everything else
    /// (`list[str]`, `Optional[int]`, `typing.List`, no annotation) is "string".
    /// `annotation` is the annotation's text without whitespace, or a string annotation's content.
    static func type(ofAnnotation annotation: String?) -> String {
        switch annotation {
        case "str": "string"
        case "int": "integer"
        case "float": "number"
        case "bool": "boolean"
        case "list": "array"
        case "dict": "object"
        default: "string"
        }
    }
}
