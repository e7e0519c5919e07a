import CodeModeCore
import Foundation
import Testing
import TestSupport

@Suite("JSON as Python writes it")
struct PythonJSONTests {
    static let sample: JSONValue = .object([
        JSONMember("s", .string("a\"b\\c\n\t\u{01}é😀")),
        JSONMember("f", .array([0.1, 1.0, -2.5, 1e16, 1e15, 1e-4, 1e-5, 123.456, -0.0, 1.7976931348623157e308].map { .number($0) })),
        JSONMember("i", .array([.integer(0), .integer(-7), .integer(Int.max)])),
        JSONMember("n", .null),
        JSONMember("b", .array([.bool(true), .bool(false)])),
        JSONMember("e", .object([])),
        JSONMember("a", .array([])),
    ])

    @Test func compactMatchesPythonDumps() {
        // The expected text is what `python3 -c 'import json; print(json.dumps(...))'` printed.
        #expect(PythonJSONEncoder().encode(Self.sample) == #"""
            {"s": "a\"b\\c\n\t\u0001\u00e9\ud83d\ude00", "f": [0.1, 1.0, -2.5, 1e+16, 1000000000000000.0, 0.0001, 1e-05, 123.456, -0.0, 1.7976931348623157e+308], "i": [0, -7, 9223372036854775807], "n": null, "b": [true, false], "e": {}, "a": []}
            """#)
    }

    @Test func indentedMatchesPythonDumps() {
        let value: JSONValue = .object([
            JSONMember("a", .array([.integer(1), .object([JSONMember("b", .array([]))])])),
            JSONMember("c", .object([])),
        ])
        #expect(PythonJSONEncoder(indent: 2).encode(value) == """
            {
              "a": [
                1,
                {
                  "b": []
                }
              ],
              "c": {}
            }
            """)
    }

    @Test(arguments: [
        (Double.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"), (0.0, "0.0"),
        (100.0, "100.0"), (1e22, "1e+22"), (Double.leastNonzeroMagnitude, "5e-324"), (1.2345678901234568e+17, "1.2345678901234568e+17"),
        (0.00012, "0.00012"), (1234567.0, "1234567.0"),
    ])
    func floatsUsePythonRepr(value: Double, expected: String) {
        #expect(PythonJSONEncoder().encode(.number(value)) == expected)
    }

    @Test func parserKeepsMemberOrderAndRoundTrips() throws {
        let text = PythonJSONEncoder().encode(Self.sample)
        let parsed = try JSONParser.parse(text)
        #expect(PythonJSONEncoder().encode(parsed) == text)
        #expect(parsed.objectValue?.map(\.key) == ["s", "f", "i", "n", "b", "e", "a"])
        #expect(parsed["s"] == .string("a\"b\\c\n\t\u{01}é😀"))
    }

    @Test func parserAcceptsPythonSpecialsAndWhitespace() throws {
        #expect(try JSONParser.parse(" [NaN , Infinity,-Infinity, 1E2, -0, \"\\u00e9\\/\"] ")
            .arrayValue?.count == 6)
        #expect(try JSONParser.parse("{\"a\":1,\"a\":2}").objectValue?.count == 2)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "01x", "[1] 2", "\"\u{01}\"", "\"\\q\"", "{\"a\":}"])
    func parserRejectsInvalidJSON(text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(text) }
    }

    @Test func parserRefusesAbsurdNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(deep) }
    }

    /// Strings of every length around the eight-byte steps of the parser, full of what must be
    /// escaped, survive writing and reading back.
    @Test func randomStringsRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "é", "€", "😀", "\u{7F}"]
        for length in 0..<80 {
            for _ in 0..<20 {
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                let value: JSONValue = .object([JSONMember(text, .string(text))])
                #expect(try JSONParser.parse(PythonJSONEncoder().encode(value)) == value, "\(text.debugDescription)")
            }
        }
    }

    /// The writer escapes long strings block by block; characters of one to four bytes, and
    /// escapes, straddle each block boundary.
    @Test func longStringsMatchPythonAcrossEscapeBlocks() throws {
        let texts = (4_092...4_097).flatMap { padding in
            ["é", "€", "😀", "\n", "\""].map { String(repeating: "x", count: padding) + $0 + String(repeating: "y\\", count: 2_100) + $0 }
        }
        let python = try PythonScript.run("import json, sys; sys.stdout.write(json.dumps(json.load(sys.stdin)))",
                                          input: Array(JSONEncoder().encode(texts)))
        #expect(PythonJSONEncoder().encode(.array(texts.map { .string($0) })) == String(decoding: python, as: UTF8.self))
    }

    /// Indentation is copied from a prepared run of spaces; nesting deeper than it must not
    /// show.
    @Test func deepIndentationMatchesPython() throws {
        var value: JSONValue = .array([.integer(1), .string("x")])
        for depth in 0..<80 { value = depth.isMultiple(of: 2) ? .array([value, .null]) : .object([JSONMember("k", value)]) }
        let text = PythonJSONEncoder(indent: 2).encode(value)
        let python = try PythonScript.run("import json, sys; sys.stdout.write(json.dumps(json.load(sys.stdin), indent=2))",
                                          input: Array(text.utf8))
        #expect(text == String(decoding: python, as: UTF8.self))
    }

    private func stringMembers(_ names: [String], of text: String) throws -> [String?]? {
        var text = text
        return try text.withUTF8 { try JSONParser.stringMembers(names, ofObject: $0) }
    }

    @Test func stringMembersReadsOnlyTheNamedStrings() throws {
        let text = #"{"parameters": [{"name": "x", "default": [1, -2.5e3, null, true, "\u00e9\n"]}], "name": "a\"b", "#
            + #""source": 3, "description": "\ud83d\ude00", "name": "last"}"#
        #expect(try stringMembers(["name", "source", "description", "missing"], of: text) == ["last", nil, "😀", nil])
    }

    @Test func stringMembersOfAnotherValueIsNil() throws {
        #expect(try stringMembers(["name"], of: #" ["name", {"name": "x"}] "#) == .some(nil))
    }

    /// What is skipped is still checked: a corrupt value is never half read.
    @Test(arguments: [#"{"a": [1,]}"#, #"{"a": "\q"}"#, #"{"a": "\u12"}"#, #"{"a": {"b" 1}}"#, #"{"name": "x"} 2"#,
                      #"{"a": "x"#, #"{"a": "\"#, "{\"a\": \"\u{01}\"}", #"[1"#, #"{"a": tru}"#])
    func stringMembersRejectsInvalidJSONEvenWhereItSkips(text: String) {
        #expect(throws: JSONParser.Error.self) { try stringMembers(["name"], of: text) }
    }
}
