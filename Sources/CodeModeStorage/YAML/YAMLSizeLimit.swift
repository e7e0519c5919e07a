// CYaml is the libyaml that Yams builds and links (not a product of Yams, but part of its
// build): reading its events here walks the same parser Yams will compose with, without a
// second copy of libyaml in the program.
import CYaml

/// Bounds what a YAML text may expand to before Yams composes it.
///
/// An alias repeats its anchored node, so nine levels of nine aliases ("billion laughs")
/// stand for 9⁹ values in a few hundred bytes. Yams shares the repeated nodes, but hashing a
/// collection key (to find duplicate keys) and converting the tree visit every repetition:
/// the process allocates or spins until it dies. PyYAML has no bound; CodeMode's YAML files
/// (codemode.yaml, tool definitions) are small, so generous bounds refuse only attacks.
enum YAMLSizeLimit {
    /// The largest YAML text read, in UTF-8 bytes.
    static let maximumBytes = 1 << 20
    /// The most values that aliases may repeat, in all (a value inside a repeated
    /// collection counts once per repetition).
    static let maximumRepeatedValues = 10_000

    /// Throws when `text` is too long or its aliases repeat too many values. A text that
    /// libyaml cannot parse passes: Yams reports its syntax error with more context.
    static func check(_ text: String) throws(YAMLDocumentError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else {
            throw YAMLDocumentError(line: nil, column: nil, message:
                "the YAML text is \(bytes.count) bytes; YAML files are limited to \(maximumBytes) bytes (1 MiB)")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLDocumentError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = ExpansionCounter()
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                try counter.take(event)
            }
        }
    }
}

/// Counts the values each node stands for once its aliases are expanded.
private struct ExpansionCounter {
    /// Expanded size of every anchored node seen so far (a later anchor of the same name wins).
    private var anchored: [String: Int] = [:]
    /// Open collections: their anchor and the values they hold so far (themselves included).
    private var open: [(anchor: String?, size: Int)] = []
    private var repeated = 0

    mutating func take(_ event: yaml_event_t) throws(YAMLDocumentError) {
        switch event.type {
        case YAML_SCALAR_EVENT:
            close(anchor: Self.name(event.data.scalar.anchor), size: 1)
        case YAML_ALIAS_EVENT:
            // An undefined alias is left to Yams, which reports it.
            guard let name = Self.name(event.data.alias.anchor), let size = anchored[name] else { return }
            repeated += size
            guard repeated <= YAMLSizeLimit.maximumRepeatedValues else {
                throw YAMLDocumentError(line: event.start_mark.line + 1, column: event.start_mark.column + 1, message:
                    "aliases repeat more than \(YAMLSizeLimit.maximumRepeatedValues) values (an alias bomb?); write the repeated parts out")
            }
            close(anchor: nil, size: size)
        case YAML_SEQUENCE_START_EVENT:
            open.append((Self.name(event.data.sequence_start.anchor), 1))
        case YAML_MAPPING_START_EVENT:
            open.append((Self.name(event.data.mapping_start.anchor), 1))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let (anchor, size) = open.popLast() { close(anchor: anchor, size: size) }
        default:
            break
        }
    }

    /// A complete node: remember its size under its anchor and add it to its parent.
    private mutating func close(anchor: String?, size: Int) {
        if let anchor { anchored[anchor] = size }
        if !open.isEmpty { open[open.count - 1].size += size }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
