public import CodeModeCore
import Yams

/// Writes a JSON tree as a YAML document that `YAMLDocument.load` (and PyYAML's `safe_load`)
/// reads back as the same tree: how a tool stored in Redis becomes a `tools/<name>.yaml` file.
public enum YAMLWriter {
    /// Block-style YAML, keys in their order. Strings that would read back as something else
    /// (`yes`, `0755`, `null`, `1.5`) are quoted. Should the YAML not read back as `value`, the
    /// document is written as indented JSON instead, which YAML reads as the same tree.
    public static func document(_ value: JSONValue) -> String {
        if let yaml = try? Yams.serialize(node: node(value), width: -1, allowUnicode: true),
           (try? YAMLDocument.load(yaml)) == value {
            return yaml
        }
        return PythonJSONEncoder(indent: 2).encode(value) + "\n"
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node.scalar(.init("null"))
        case .bool(let flag): return Node.scalar(.init(flag ? "true" : "false"))
        case .integer(let number): return Node.scalar(.init(String(number)))
        case .number(let number): return Node.scalar(.init(floatText(number)))
        case .string(let text):
            // A plain scalar that PyYAML would resolve to another type must be quoted.
            let plain = (try? PlainScalar.resolve(text)) == .string(text)
            return Node.scalar(.init(text, .implicit, plain ? .any : .doubleQuoted))
        case .array(let items): return Node.sequence(.init(items.map(node)))
        case .object(let members): return Node.mapping(.init(members.map { (Node.scalar(.init($0.key)), node($0.value)) }))
        }
    }

    /// Python's float text in the form PyYAML reads as a float: it needs a dot (`1.0e+20`,
    /// not `1e+20`), and infinities and NaN are `.inf`, `-.inf`, `.nan`.
    private static func floatText(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        let text = PythonJSONEncoder().encode(.number(number))
        guard !text.contains("."), let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        return text[..<exponent] + ".0" + text[exponent...]
    }
}
