import CodeModeCore
import CodeModeStorage
import Testing

@Suite("YAML → JSON like PyYAML safe_load")
struct YAMLDocumentTests {
    /// Expected values were produced by PyYAML 6.0.3 `yaml.safe_load`.
    @Test("plain scalars resolve with YAML 1.1 rules", arguments: [
        ("~", JSONValue.null), ("", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("nULL", .string("nULL")),
        ("yes", .bool(true)), ("No", .bool(false)), ("On", .bool(true)), ("OFF", .bool(false)),
        ("TRUE", .bool(true)), ("tRUE", .string("tRUE")), ("oN", .string("oN")), ("Y", .string("Y")),
        ("42", .integer(42)), ("+12", .integer(12)), ("-0", .integer(0)), ("1_000", .integer(1_000)),
        ("0x1F", .integer(31)), ("017", .integer(15)), ("00", .integer(0)), ("0_", .integer(0)),
        ("0b101", .integer(5)), ("1:30", .integer(90)), ("190:20:30", .integer(685_230)),
        ("0o17", .string("0o17")), ("08", .string("08")), ("0b", .string("0b")), ("0x", .string("0x")),
        ("1.5", .number(1.5)), ("1.", .number(1)), (".5", .number(0.5)), ("1.0e+3", .number(1_000)),
        ("1_0.5_0", .number(10.5)), ("1:30.5", .number(90.5)),
        ("1e3", .string("1e3")), ("1.0e3", .string("1.0e3")), ("-.5", .string("-.5")),
        (".inf", .number(.infinity)), ("-.Inf", .number(-.infinity)), ("+.inf", .number(.infinity)),
        ("2024-01-01", .string("2024-01-01")), ("hello world", .string("hello world")),
        ("'1'", .string("1")), ("\"yes\"", .string("yes")), ("!!str 1", .string("1")),
        ("! 1", .integer(1)), ("! '1'", .integer(1)), ("!!int '0x10'", .integer(16)),
        ("!!float 1", .number(1)), ("!!bool yes", .bool(true)), ("!!null ''", .null),
    ])
    func scalars(yaml: String, expected: JSONValue) throws {
        #expect(try YAMLDocument.load("a: \(yaml)") == .object([JSONMember("a", expected)]))
    }

    @Test(".nan is a float NaN")
    func nan() throws {
        let value = try YAMLDocument.load("a: .NaN")["a"]
        #expect(value?.doubleValue?.isNaN == true)
    }

    @Test("block scalars are strings")
    func blockScalars() throws {
        #expect(try YAMLDocument.load("a: |\n  123\nb: >\n  yes\n  no\n")
            == .object([JSONMember("a", .string("123\n")), JSONMember("b", .string("yes no\n"))]))
    }

    @Test("mapping order is kept and collections nest")
    func order() throws {
        let value = try YAMLDocument.load("""
            zeta: 1
            alpha: [x, 2, {k: v}]
            mid:
              b: true
              a: null
            """)
        #expect(value == .object([
            JSONMember("zeta", .integer(1)),
            JSONMember("alpha", .array([.string("x"), .integer(2), .object([JSONMember("k", .string("v"))])])),
            JSONMember("mid", .object([JSONMember("b", .bool(true)), JSONMember("a", .null)])),
        ]))
    }

    @Test("non-string keys are written as json.dumps writes them")
    func keys() throws {
        let value = try YAMLDocument.load("1: a\ntrue: b\n~: c\n1.50: d\n0x10: e\nyes: f\n'x': g\n")
        #expect(value.objectValue?.map(\.key) == ["1", "true", "null", "1.5", "16", "x"])
        // `true` and `yes` are the same key in Python: the later value wins, the first position stays.
        #expect(value["true"] == .string("f"))
    }

    @Test("anchors, aliases and merge keys")
    func merge() throws {
        let single = try YAMLDocument.load("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n  z: 4\n")
        #expect(single["d"] == .object([JSONMember("x", .integer(1)), JSONMember("y", .integer(3)), JSONMember("z", .integer(4))]))
        let list = try YAMLDocument.load("a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc:\n  <<: [*a, *b]\n  r: 3\n")
        #expect(list["c"] == .object([JSONMember("p", .integer(1)), JSONMember("q", .integer(2)), JSONMember("r", .integer(3))]))
        let alias = try YAMLDocument.load("x: &v [1, 2]\ny: *v\n")
        #expect(alias["y"] == .array([.integer(1), .integer(2)]))
        #expect(try YAMLDocument.load("'<<': 1")["<<"] == .integer(1))
    }

    @Test("empty documents are null", arguments: ["", "---\n", "# only a comment\n", "\n\n"])
    func empty(text: String) throws {
        #expect(try YAMLDocument.load(text) == .null)
    }

    @Test("a byte-order mark is ignored")
    func bom() throws {
        #expect(try YAMLDocument.load("\u{FEFF}a: 1") == .object([JSONMember("a", .integer(1))]))
    }

    @Test("syntax errors carry line and column")
    func syntaxError() {
        let error = #expect(throws: YAMLDocumentError.self) {
            try YAMLDocument.load("name: x\nrecipes:\n  get: [1, 2\n  other: 3\n")
        }
        #expect(error?.line == 4)
        #expect(error?.column != nil)
        #expect(error?.description.hasPrefix("line 4, column ") == true)
        let tabs = #expect(throws: YAMLDocumentError.self) { try YAMLDocument.load("a:\n\tb: 1\n") }
        #expect(tabs?.line == 2)
    }

    @Test("refused documents", arguments: [
        ("a: 1\na: 2\n", "duplicate key 'a'", 1),
        ("a: =\n", "plain '=' cannot be loaded", 1),
        ("a: 123456789012345678901234567890\n", "is not a 64-bit integer", 1),
        ("a: !!int 1.5\n", "'1.5' is not a 64-bit integer", 1),
        ("a: 1\nb: !!binary aGk=\n", "tag 'tag:yaml.org,2002:binary' is not supported", 2),
        ("a: !custom x\n", "tag '!custom' is not supported", 1),
        ("a: !!set {x}\n", "is not supported", 1),
        ("? [1, 2]\n: x\n", "a mapping key must be a plain value", 1),
        ("a: 1\n---\nb: 2\n", "but found another document", 2),
        ("a: *nope\n", "found undefined alias", 1),
        ("d:\n  <<: 5\n", "'<<' takes a mapping or a list of mappings", 2),
    ])
    func refused(text: String, message: String, line: Int) {
        let error = #expect(throws: YAMLDocumentError.self) { try YAMLDocument.load(text) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.line == line)
    }
}
