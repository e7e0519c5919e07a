/// A skill as agents see it: everything comes from its source, which is the whole truth.
public struct Skill: Hashable, Sendable {
    public var name: SkillName
    /// The first line of the module docstring, else of `run`'s docstring, as py-code-mode's
    /// FileStorage derives it (`SkillSource.fileDescription`).
    public var description: String
    public var parameters: [SkillParameter]
    public var source: String

    /// Reads a skill from its source without running it.
    /// Throws `SkillSourceError` when the source has no usable `async def run(...)`.
    public init(name: SkillName, source: String) throws {
        let read = try SkillSourceReader.read(source)
        self.name = name
        self.description = read.fileDescription
        self.parameters = read.parameters
        self.source = source
    }

    /// The entry of py-code-mode's `Session.list_skills()`, plus `source` when asked for
    /// (the shape of `Session.get_skill()`).
    public func listingJSON(includingSource: Bool = false) -> JSONValue {
        var members = [
            JSONMember("name", .string(name.rawValue)),
            JSONMember("description", .string(description)),
            JSONMember("parameters", .array(parameters.map(\.jsonValue))),
        ]
        if includingSource { members.append(JSONMember("source", .string(source))) }
        return .object(members)
    }
}

extension SkillParameter {
    /// py-code-mode's `SkillParameter` dataclass, fields in its order.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("name", .string(name)),
            JSONMember("type", .string(type)),
            JSONMember("description", .string(description)),
            JSONMember("required", .bool(required)),
            JSONMember("default", defaultValue),
        ])
    }
}
