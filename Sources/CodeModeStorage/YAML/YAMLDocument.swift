public import CodeModeCore
import Yams

/// Loads YAML the way PyYAML's `yaml.safe_load` does, into an ordered JSON tree.
public enum YAMLDocument {
    /// Parses one YAML document.
    ///
    /// - Mapping order is kept; a repeated key is an error (PyYAML silently keeps the last
    ///   value, which hides a mistake).
    /// - Plain scalars resolve as in PyYAML (YAML 1.1): `~`/`null`/empty → null,
    ///   `yes`/`off`/`True` → bool, `0x1F`/`0755`/`1_000`/`1:30` → int,
    ///   `1.5`/`.inf`/`.nan` → float, anything else a string. Quoted and block scalars are
    ///   strings. Dates stay strings (PyYAML would make `date` objects that JSON cannot hold).
    /// - Non-string keys become the strings Python's `json.dumps` writes (`true`, `1`, `null`).
    /// - Anchors, aliases and `<<` merge keys work as in PyYAML.
    /// - An empty document (or only comments) is `.null`.
    /// - The text may be at most 1 MiB, and its aliases may repeat at most 10,000 values
    ///   (``YAMLSizeLimit``), so an alias bomb is refused rather than expanded.
    ///
    /// - Throws: ``YAMLDocumentError`` with the line and column of the problem.
    public static func load(_ text: String) throws(YAMLDocumentError) -> JSONValue {
        try YAMLSizeLimit.check(text)
        let root: Node?
        do {
            let parser = try Parser(yaml: text, resolver: YAMLConverter.resolver, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw YAMLDocumentError(error, text: text)
        } catch {
            throw YAMLDocumentError(line: nil, column: nil, message: "\(error)")
        }
        guard let root else { return .null }
        return try YAMLConverter().value(root)
    }
}

extension YAMLDocumentError {
    init(_ error: YamlError, text: String) {
        func withContext(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text), line \(context.mark.line))"
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            self.init(line: mark.line, column: mark.column, message: withContext(problem, context))
        case let .reader(problem, offset, _, _):
            let place = offset.map { Self.place(ofCharacterOffset: $0, in: text) }
            self.init(line: place?.line, column: place?.column, message: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init(line: context.mark.line, column: context.mark.column,
                      message: "duplicate key \(keys) in a mapping; keep one")
        default:
            self.init(line: nil, column: nil, message: "\(error)")
        }
    }

    private static func place(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let before = text.prefix(offset)
        let line = before.count { $0.isNewline } + 1
        let column = before.reversed().prefix { !$0.isNewline }.count + 1
        return (line, column)
    }
}
