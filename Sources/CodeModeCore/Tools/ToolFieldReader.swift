/// Reads typed fields out of one mapping of a tool definition, producing errors that name
/// the tool, the full field path and what to write instead.
///
/// An explicit YAML null (`key:` with nothing after it) counts as absent, so `description:`
/// means "no description" rather than a type error.
struct ToolFieldReader {
    let tool: String?
    /// The path of this mapping, e.g. `recipes.get`; empty at the top level.
    let path: String
    let members: [JSONMember]

    init(tool: String?, path: String, members: [JSONMember]) {
        self.tool = tool
        self.path = path
        self.members = members
    }

    /// The field's path: `recipes.get` + `params` → `recipes.get.params`.
    func path(of key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The value, or nil when the key is absent or null.
    func value(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(ToolSpecError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else {
            throw wrongType(path(of: key), expected: "a string", found: value, hint: "put the value in quotes")
        }
        return string
    }

    func bool(_ key: String) throws(ToolSpecError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let bool) = value else {
            throw wrongType(path(of: key), expected: "true or false", found: value, hint: "write true or false")
        }
        return bool
    }

    func number(_ key: String) throws(ToolSpecError) -> Double? {
        guard let value = value(key) else { return nil }
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default:
            throw wrongType(path(of: key), expected: "a number", found: value, hint: "write a number, e.g. '\(key): 30'")
        }
    }

    func mapping(_ key: String) throws(ToolSpecError) -> ToolFieldReader? {
        guard let value = value(key) else { return nil }
        return try Self.mapping(value, tool: tool, path: path(of: key))
    }

    func list(_ key: String) throws(ToolSpecError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else {
            throw wrongType(path(of: key), expected: "a list", found: value,
                            hint: "write one '- item' per line under '\(key):', or [a, b]")
        }
        return items
    }

    /// A list whose items must all be strings.
    func strings(_ key: String) throws(ToolSpecError) -> [String]? {
        guard let items = try list(key) else { return nil }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let string) = item else {
                throw wrongType("\(path(of: key))[\(index)]", expected: "a string", found: item,
                                hint: "put the value in quotes")
            }
            strings.append(string)
        }
        return strings
    }

    /// A mapping whose values must all be strings (environment variables, HTTP headers).
    func stringMapping(_ key: String) throws(ToolSpecError) -> [String: String]? {
        guard let reader = try mapping(key) else { return nil }
        var result: [String: String] = [:]
        for member in reader.members {
            guard case .string(let string) = member.value else {
                throw wrongType(reader.path(of: member.key), expected: "a string", found: member.value,
                                hint: "put the value in quotes")
            }
            result[member.key] = string
        }
        return result
    }

    static func mapping(_ value: JSONValue, tool: String?, path: String) throws(ToolSpecError) -> ToolFieldReader {
        guard case .object(let members) = value else {
            let reader = ToolFieldReader(tool: tool, path: path, members: [])
            throw reader.wrongType(path, expected: "a mapping", found: value,
                                   hint: "write 'key: value' lines indented under it, or {} for none")
        }
        return ToolFieldReader(tool: tool, path: path, members: members)
    }

    /// An error about `field`, prefixed with the tool's name.
    func error(_ field: String?, _ message: String) -> ToolSpecError {
        let prefix = tool.map { "tool '\($0)': " } ?? ""
        return ToolSpecError(tool: tool, field: field, message: prefix + message)
    }

    func wrongType(_ field: String, expected: String, found: JSONValue, hint: String) -> ToolSpecError {
        error(field, "\(field) must be \(expected), not \(found.kindDescription); \(hint)")
    }
}

extension JSONValue {
    /// How the value reads in an error message: "a number", "a list", ...
    var kindDescription: String {
        switch self {
        case .null: "empty"
        case .bool: "true/false"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "a mapping"
        }
    }
}
