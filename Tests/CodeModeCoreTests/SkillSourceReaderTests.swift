import Testing
@testable import CodeModeCore

@Suite("SkillSourceReader")
struct SkillSourceReaderTests {
    @Test("reads description and parameters", arguments: skillSourceTable)
    func readsTableRow(_ row: SkillSourceCase) throws {
        let skill = try SkillSourceReader.read(row.source)
        #expect(skill.derivedDescription == row.description)
        #expect(skill.parameters == row.parameters)
    }

    @Test("the table is big enough to mean something")
    func tableSize() {
        #expect(skillSourceTable.count >= 35)
        #expect(Set(skillSourceTable.map(\.name)).count == skillSourceTable.count, "row names are unique")
    }

    @Test func runLineIsTheDefLineBelowDecorators() throws {
        let source = "import x\n\n@decorator\n@other(1,\n       2)\nasync def run():\n    pass\n"
        #expect(try SkillSourceReader.read(source).runLine == 6)
    }

    @Test func runLineOfTheLastRun() throws {
        let source = "async def run(): pass\n\n\nasync def run(a): pass\n"
        #expect(try SkillSourceReader.read(source).runLine == 4)
    }

    @Test func moduleDocstringRangeCoversTheWholeLiteralStatement() throws {
        let source = "# comment\n(\"a\"\n 'b')  # trailing\nasync def run(): pass\n"
        let skill = try SkillSourceReader.read(source)
        let range = try #require(skill.moduleDocstringRange)
        let bytes = Array(source.utf8)
        #expect(String(decoding: bytes[range], as: UTF8.self) == "(\"a\"\n 'b')")
        #expect(skill.moduleDocstring == "ab")
    }

    @Test func docstringsAreKeptWhole() throws {
        let skill = try SkillSourceReader.read("\"\"\"  Module.\n  Two.\n\"\"\"\nasync def run():\n    '''Run.\n    More.'''\n")
        #expect(skill.moduleDocstring == "  Module.\n  Two.\n")
        #expect(skill.runDocstring == "Run.\n    More.")
    }

    @Test func noModuleDocstringMeansNilAndNoRange() throws {
        let skill = try SkillSourceReader.read("import os\nasync def run(): pass\n")
        #expect(skill.moduleDocstring == nil)
        #expect(skill.moduleDocstringRange == nil)
        #expect(skill.runDocstring == nil)
    }

    @Test func byteOrderMarkIsSkippedAndOffsetsCountIt() throws {
        let source = "\u{FEFF}\"Doc after BOM.\"\nasync def run(): pass\n"
        let skill = try SkillSourceReader.read(source)
        #expect(skill.derivedDescription == "Doc after BOM.")
        #expect(skill.moduleDocstringRange == 3..<19)
    }

    @Test func readsBytesThatAreNotContiguous() throws {
        let source = "\"Doc.\"\nasync def run(a: int = 1): pass\n"
        let skill = try SkillSourceReader.read(utf8: source.utf8.lazy.map { $0 })
        #expect(skill.derivedDescription == "Doc.")
        #expect(skill.parameters == [SkillParameter(name: "a", type: "integer", required: false, defaultValue: .integer(1))])
    }

    @Test func runAtModuleScopeInsideIfCounts() throws {
        let source = "import sys\nif sys.version_info >= (3, 8):\n    async def run(v: str = \"new\"):\n        \"In if.\"\n"
        let skill = try SkillSourceReader.read(source)
        #expect(skill.derivedDescription == "In if.")
        #expect(skill.runLine == 3)
    }

    /// Escapes Python rejects or that need the Unicode name table are kept as written.
    @Test func escapesOutsideTheOracle() throws {
        let source = #"""
        "\U0001F600 \N{BULLET} \x4 \777 \
        joined"
        async def run(): pass
        """#
        #expect(try SkillSourceReader.read(source).moduleDocstring == "😀 \\N{BULLET} \\x4 \u{1FF} joined")
    }

    @Test func pythonTwelveFStringsWithNestedSameQuotes() throws {
        let source = #"""
        async def run(x: int = 1):
            "Doc."
            a = f"{d["k"]} and {f"{x:>{w}}"}"
            b = f'{x!r}' f"{'}'}" rf"\{x}" f"\N{BULLET} {{ }}"
            return a

        def helper(): pass
        """#
        let skill = try SkillSourceReader.read(source)
        #expect(skill.derivedDescription == "Doc.")
        #expect(skill.parameters.map(\.name) == ["x"])
    }
}

@Suite("Module description from the first statement")
struct ModuleDescriptionTests {
    @Test(arguments: [
        ("\"\"\"  Fetch a page.\n\nMore.\"\"\"\nasync def run():\n    return 1\n", "Fetch a page."),
        ("# comment\n'''Single quotes.'''\n", "Single quotes."),
        ("async def run():\n    \"\"\"Only on run.\"\"\"\n", ""),
        ("x = 1\n\"\"\"Not first.\"\"\"\n", ""),
        ("\"\"\"unterminated\n", ""),
        ("", ""),
    ])
    func agreesWithAFullRead(source: String, expected: String) {
        #expect(SkillSourceReader.moduleDescription(source) == expected)
        if let full = try? SkillSourceReader.read(source), !expected.isEmpty {
            #expect(full.derivedDescription == expected)
        }
    }
}
