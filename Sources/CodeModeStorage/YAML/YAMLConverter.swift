import CodeModeCore
import Yams

/// Turns a Yams node tree into JSON with PyYAML's `safe_load` semantics.
struct YAMLConverter {
    /// Yams resolves a key's implicit tag in place when it hashes the key (to find
    /// duplicates), and its own rules differ from PyYAML's. This resolver marks every
    /// implicit scalar with a private tag instead, so PyYAML's rules can be applied here.
    static let resolver: Resolver = (try? Resolver.basic.appending(implicitTag, "^")) ?? .basic
    private static let implicitTag = Tag.Name(rawValue: "tag:codemode,2024:implicit")

    func value(_ node: Node) throws(YAMLDocumentError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try value(scalar)
        case .sequence(let sequence):
            try requireTag(sequence.tag, allowed: .seq, mark: sequence.mark)
            var items: [JSONValue] = []
            for item in sequence {
                items.append(try value(item))
            }
            return .array(items)
        case .mapping(let mapping):
            try requireTag(mapping.tag, allowed: .map, mark: mapping.mark)
            return try object(mapping)
        case .alias(let alias):
            // Yams replaces aliases by the anchored node while composing; kept for exhaustiveness.
            throw error("unresolved alias '\(alias.anchor.rawValue)'", at: alias.mark)
        }
    }

    private func value(_ scalar: Node.Scalar) throws(YAMLDocumentError) -> JSONValue {
        let tag = Tag.Name(rawValue: scalar.tag.rawValue)
        let text = scalar.string
        switch tag {
        case .implicit, Self.implicitTag:
            return scalar.style == .plain ? try plain(text, at: scalar.mark) : .string(text)
        case .nonSpecific:
            // PyYAML resolves a `!`-tagged scalar like an untagged plain one, even when quoted.
            return try plain(text, at: scalar.mark)
        case .str, .timestamp:
            return .string(text)
        case .null:
            return .null
        case .bool:
            guard let bool = PlainScalar.constructBool(text) else { throw notA("boolean", text, at: scalar.mark) }
            return .bool(bool)
        case .int:
            guard let int = PlainScalar.constructInt(text) else { throw notA("64-bit integer", text, at: scalar.mark) }
            return .integer(int)
        case .float:
            guard let float = PlainScalar.constructFloat(text) else { throw notA("number", text, at: scalar.mark) }
            return .number(float)
        default:
            throw unsupported(tag, at: scalar.mark)
        }
    }

    private func plain(_ text: String, at mark: Mark?) throws(YAMLDocumentError) -> JSONValue {
        do {
            return try PlainScalar.resolve(text)
        } catch {
            switch error {
            case .valueTag:
                throw self.error("a plain '=' cannot be loaded (PyYAML refuses it); quote it: '='", at: mark)
            case .notConstructible(let kind):
                throw notA(kind, text, at: mark)
            }
        }
    }

    /// Builds an object in PyYAML's order: merged (`<<`) pairs first, then the mapping's
    /// own; a later key replaces an earlier value but keeps its position, as in a Python dict.
    private func object(_ mapping: Node.Mapping) throws(YAMLDocumentError) -> JSONValue {
        var members: [JSONMember] = []
        var positions: [String: Int] = [:]
        for (keyNode, valueNode) in try flatten(mapping) {
            let key = try keyString(keyNode)
            let value = try value(valueNode)
            if let position = positions[key] {
                members[position].value = value
            } else {
                positions[key] = members.count
                members.append(JSONMember(key, value))
            }
        }
        return .object(members)
    }

    /// PyYAML's `flatten_mapping`: a `<<` key merges a mapping, or a list of mappings of
    /// which the earlier ones win.
    private func flatten(_ mapping: Node.Mapping) throws(YAMLDocumentError) -> [(Node, Node)] {
        var merged: [(Node, Node)] = []
        var own: [(Node, Node)] = []
        for (key, value) in mapping {
            guard isMergeKey(key) else {
                own.append((key, value))
                continue
            }
            switch value {
            case .mapping(let source):
                merged += try flatten(source)
            case .sequence(let sources):
                var flattened: [[(Node, Node)]] = []
                for source in sources {
                    guard case .mapping(let source) = source else {
                        throw error("'<<' takes a mapping or a list of mappings", at: source.mark)
                    }
                    flattened.append(try flatten(source))
                }
                for pairs in flattened.reversed() {
                    merged += pairs
                }
            default:
                throw error("'<<' takes a mapping or a list of mappings", at: value.mark)
            }
        }
        return merged + own
    }

    private func isMergeKey(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.string == "<<" else { return false }
        switch Tag.Name(rawValue: scalar.tag.rawValue) {
        case .merge: return true
        case .implicit, Self.implicitTag: return scalar.style == .plain
        default: return false
        }
    }

    /// The key as Python's `json.dumps` writes a dict key: strings as they are, numbers,
    /// booleans and None as JSON literals.
    private func keyString(_ node: Node) throws(YAMLDocumentError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error("a mapping key must be a plain value, not a list or mapping", at: node.mark)
        }
        switch try value(scalar) {
        case .string(let string): return string
        case .integer(let int): return String(int)
        case .number(let number): return Self.pythonFloatKey(number)
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return "null"
        case .array, .object: return scalar.string   // a scalar never converts to a collection
        }
    }

    /// `json.dumps` writes float keys with `repr`, and non-finite ones as JSON extensions.
    private static func pythonFloatKey(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return number.description   // shortest round-trip form, like Python's repr
    }

    private func requireTag(_ tag: Tag, allowed: Tag.Name, mark: Mark?) throws(YAMLDocumentError) {
        let name = Tag.Name(rawValue: tag.rawValue)   // `Tag.name` is internal to Yams
        guard [.implicit, .nonSpecific, allowed].contains(name) else { throw unsupported(name, at: mark) }
    }

    private func unsupported(_ tag: Tag.Name, at mark: Mark?) -> YAMLDocumentError {
        error("the tag '\(tag.rawValue)' is not supported; remove it (plain values, lists and mappings only)", at: mark)
    }

    private func notA(_ kind: String, _ text: String, at mark: Mark?) -> YAMLDocumentError {
        error("'\(text)' is not a \(kind)", at: mark)
    }

    private func error(_ message: String, at mark: Mark?) -> YAMLDocumentError {
        YAMLDocumentError(line: mark?.line, column: mark?.column, message: message)
    }
}
