import CodeModeCore
import Testing
import TestSupport

@Suite("ModuleDocstringWriter")
struct ModuleDocstringWriterTests {
    struct WriteCase: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var description: String
        var expected: String

        var testDescription: String { name }
    }

    static let cases: [WriteCase] = [
        WriteCase(
            name: "insert at the top with a blank line after",
            source: "import os\n\nasync def run(): pass\n",
            description: "Does things.",
            expected: "\"\"\"Does things.\"\"\"\n\nimport os\n\nasync def run(): pass\n"),
        WriteCase(
            name: "insert above an existing blank line without adding another",
            source: "\nasync def run(): pass\n",
            description: "  Trimmed.  ",
            expected: "\"\"\"Trimmed.\"\"\"\n\nasync def run(): pass\n"),
        WriteCase(
            name: "replace keeps the old docstring below",
            source: "\"\"\"Old summary.\n\n    Details here.\n    \"\"\"\nasync def run(): pass\n",
            description: "New.",
            expected: "\"\"\"New.\n\nOld summary.\n\nDetails here.\n\"\"\"\nasync def run(): pass\n"),
        WriteCase(
            name: "replace a concatenated parenthesised docstring",
            source: "('Old ' \"one\")  # why\nasync def run(): pass\n",
            description: "New.",
            expected: "\"\"\"New.\n\nOld one\n\"\"\"  # why\nasync def run(): pass\n"),
        WriteCase(
            name: "replace a whitespace-only docstring",
            source: "'''   '''\nasync def run(): pass\n",
            description: "New.",
            expected: "\"\"\"New.\"\"\"\nasync def run(): pass\n"),
        WriteCase(
            name: "replace the docstring when the run docstring would win",
            source: "\"\"\"  \"\"\"\nasync def run():\n    \"Run doc.\"\n",
            description: "Other.",
            expected: "\"\"\"Other.\"\"\"\nasync def run():\n    \"Run doc.\"\n"),
        WriteCase(
            name: "shebang and coding line stay first",
            source: "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\nasync def run(): pass\n",
            description: "Headed.",
            expected: "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\"\"\"Headed.\"\"\"\n\nimport os\nasync def run(): pass\n"),
        WriteCase(
            name: "coding line on line 2 below a comment stays second",
            source: "# Copyright someone\n# vim: set fileencoding=utf-8 :\n\nasync def run(): pass\n",
            description: "Kept below.",
            expected: "# Copyright someone\n# vim: set fileencoding=utf-8 :\n\"\"\"Kept below.\"\"\"\n\nasync def run(): pass\n"),
        WriteCase(
            name: "a plain comment on line 1 goes below the docstring",
            source: "# Copyright someone\nasync def run(): pass\n",
            description: "Above.",
            expected: "\"\"\"Above.\"\"\"\n\n# Copyright someone\nasync def run(): pass\n"),
        WriteCase(
            name: "byte order mark stays first",
            source: "\u{FEFF}async def run(): pass\n",
            description: "After BOM.",
            expected: "\u{FEFF}\"\"\"After BOM.\"\"\"\n\nasync def run(): pass\n"),
        WriteCase(
            name: "CRLF source gets CRLF lines",
            source: "import os\r\nasync def run(): pass\r\n",
            description: "Two\nlines.",
            expected: "\"\"\"Two\r\nlines.\r\n\"\"\"\r\n\r\nimport os\r\nasync def run(): pass\r\n"),
        WriteCase(
            name: "escaping of backslashes, triple quotes and a trailing quote",
            source: "async def run(): pass\n",
            description: #"C:\path\n says """hi""" and ends with ""#,
            expected: #"""
            """C:\\path\\n says ""\"hi""\" and ends with \""""

            async def run(): pass

            """#),
        WriteCase(
            name: "non-ASCII is written as is, control characters escaped",
            source: "async def run(): pass\n",
            description: "Grüße — 東京 🚀 bell\u{07} cr\r tab\there",
            expected: "\"\"\"Grüße — 東京 🚀 bell\\x07 cr\\r tab\there\"\"\"\n\nasync def run(): pass\n"),
    ]

    @Test("writes the description", arguments: cases)
    func writesTheDescription(_ write: WriteCase) throws {
        let written = try ModuleDocstringWriter.setting(description: write.description, in: write.source)
        #expect(written == write.expected)
    }

    @Test("reads back and is idempotent", arguments: cases)
    func readsBackAndIsIdempotent(_ write: WriteCase) throws {
        let written = try ModuleDocstringWriter.setting(description: write.description, in: write.source)
        let wanted = write.description.trimmingWhitespace()
        let skill = try SkillSourceReader.read(written)
        #expect(skill.derivedDescription == wanted.firstLine)
        #expect(skill.moduleDocstring?.hasPrefix(wanted) == true)
        #expect(try ModuleDocstringWriter.setting(description: write.description, in: written) == written)
    }

    @Test("leaves the source alone", arguments: [
        ("\"Same.\"\nasync def run(): pass\n", "Same."),
        ("\"\"\"  Same.\n  more\"\"\"\nasync def run(): pass\n", " Same.  "),
        ("async def run():\n    \"From run.\"\n", "From run."),
        ("\"Whatever.\"\nasync def run(): pass\n", ""),
        ("async def run(): pass\n", " \n\t "),
        ("\"\"\"First.\nSecond.\n\nOld.\"\"\"\nasync def run(): pass\n", "First.\nSecond."),
    ])
    func leavesSourceAlone(source: String, description: String) throws {
        #expect(try ModuleDocstringWriter.setting(description: description, in: source) == source)
    }

    /// A module docstring of only whitespace gives a skill file the description "" (py-code-mode's
    /// FileStorage never looks at `run`'s then), so the description is written over it.
    @Test func blankModuleDocstringIsReplaced() throws {
        let source = "\"\"\"   \"\"\"\nasync def run():\n    \"From run.\"\n"
        let written = try ModuleDocstringWriter.setting(description: "From run.", in: source)
        #expect(written == "\"\"\"From run.\"\"\"\nasync def run():\n    \"From run.\"\n")
        #expect(try Skill(name: SkillName(validating: "blank"), source: written).description == "From run.")
    }

    @Test func multiLineDescriptionIsWrittenWhole() throws {
        let written = try ModuleDocstringWriter.setting(description: "First line.\n\nMore about it.", in: "'Old.'\nasync def run(): pass\n")
        let skill = try SkillSourceReader.read(written)
        #expect(skill.derivedDescription == "First line.")
        #expect(skill.moduleDocstring == "First line.\n\nMore about it.\n\nOld.\n")
        #expect(try ModuleDocstringWriter.setting(description: "First line.\n\nMore about it.", in: written) == written)
    }

    @Test func worksWithoutRunAndOnEmptySource() throws {
        #expect(try ModuleDocstringWriter.setting(description: "D.", in: "") == "\"\"\"D.\"\"\"\n")
        #expect(try ModuleDocstringWriter.setting(description: "D.", in: "x = 1\n") == "\"\"\"D.\"\"\"\n\nx = 1\n")
        #expect(try ModuleDocstringWriter.setting(description: "D.", in: "\u{FEFF}") == "\u{FEFF}\"\"\"D.\"\"\"\n")
        // A shebang line without a final line break gets one before the docstring.
        #expect(try ModuleDocstringWriter.setting(description: "D.", in: "#!/usr/bin/python") == "#!/usr/bin/python\n\"\"\"D.\"\"\"\n")
    }

    @Test func refusesSourceItCannotTokenize() {
        #expect(throws: SkillSourceError.self) {
            try ModuleDocstringWriter.setting(description: "D.", in: "x = '''never closed\n")
        }
    }

    /// Random descriptions, with every character the escaping must handle, read back exactly.
    @Test func randomDescriptionsReadBackExactly() throws {
        var random = SeededGenerator(seed: 7)
        let alphabet: [String] = ["\"", "\"\"", "\"\"\"", "\\", "\\n", "'", "\n", "\r", "\t", "\u{0}", "é", "東", "🚀", " ", "a", "Z", "{", "}", "#", "\u{2028}"]
        for _ in 0..<300 {
            var description = ""
            for _ in 0..<Int.random(in: 0..<12, using: &random) {
                description += alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            let written = try ModuleDocstringWriter.setting(description: description, in: "async def run(): pass\n")
            let wanted = description.trimmingWhitespace()
            let skill = try SkillSourceReader.read(written)
            #expect(skill.derivedDescription == wanted.firstLine, "\(description.debugDescription)")
            if !wanted.isEmpty {
                let expectedDocstring = wanted.unicodeScalars.contains("\n") ? wanted + "\n" : wanted
                #expect(skill.moduleDocstring == expectedDocstring, "\(description.debugDescription)")
            }
        }
    }

    /// Python reads back every written docstring with the description as its first line.
    @Test func pythonReadsBackTheDescription() throws {
        let pairs: [(source: String, description: String)] = Self.cases.map { ($0.source, $0.description) } + [
            ("\"\"\"Old.\"\"\"\nasync def run(): pass\n", #"Ends with a backslash \"#),
            (#"r'''Raw \d old'''"# + "\nasync def run(): pass\n", #"Quotes "everywhere" ''' """ ""#),
            ("async def run(): pass\n", "Ünïcödé ✓ and \u{1F600}"),
        ]
        var inputs: [[String]] = []
        for (source, description) in pairs {
            let written = try ModuleDocstringWriter.setting(description: description, in: source)
            inputs.append([written, description.trimmingWhitespace().firstLine])
        }
        let script = #"""
        import ast, json, sys
        out = []
        for source, _ in json.load(sys.stdin):
            body = ast.parse(source.encode("utf-8")).body
            doc = body[0].value.value if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else None
            out.append(doc.strip().split("\n")[0] if isinstance(doc, str) else None)
        json.dump(out, sys.stdout)
        """#
        let firstLines = try #require(try PythonOracle.evaluate(script: script, input: inputs) as? [Any])
        try #require(firstLines.count == inputs.count)
        for (input, firstLine) in zip(inputs, firstLines) {
            #expect(firstLine as? String == input[1], "\(input[0])")
        }
    }
}

extension String {
    /// `str.strip()` as Python does it, for the expectations above.
    func trimmingWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }

    /// The text up to the first `\n` (only `\n`, as Python's `split("\n")`).
    var firstLine: String {
        guard let newline = unicodeScalars.firstIndex(of: "\n") else { return self }
        return String(unicodeScalars[..<newline])
    }
}
