import CodeModeCore
import Testing

@Suite("SkillSourceReader errors")
struct SkillSourceErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var kind: SkillSourceError.Kind
        var line: Int
        /// Words the message must hold: what is wrong and what to do.
        var messageParts: [String]

        var testDescription: String { name }
    }

    static let cases: [ErrorCase] = [
        ErrorCase(name: "no run at all", source: "import os\n\ndef helper():\n    return 1\n",
                  kind: .missingRun, line: 0, messageParts: ["async def run(...)", "module level"]),
        ErrorCase(name: "run only in a comment and a string", source: "# async def run():\nx = 'async def run(): pass'\n",
                  kind: .missingRun, line: 0, messageParts: ["no run()"]),
        ErrorCase(name: "sync run", source: "\"\"\"Doc.\"\"\"\n\ndef run(x):\n    return x\n",
                  kind: .syncRun, line: 3, messageParts: ["line 3", "write 'async def run(...)'"]),
        ErrorCase(name: "sync run below decorators", source: "@decorator\n@other\ndef run():\n    pass\n",
                  kind: .syncRun, line: 3, messageParts: ["line 3"]),
        ErrorCase(name: "async run redefined as sync: the last one counts", source: "async def run():\n    pass\n\ndef run():\n    pass\n",
                  kind: .syncRun, line: 4, messageParts: ["line 4"]),
        ErrorCase(name: "run only inside a class", source: "import os\n\n\nclass Foo:\n    async def run(self):\n        pass\n",
                  kind: .runNotAtModuleLevel, line: 5, messageParts: ["inside class Foo", "line 5", "module level"]),
        ErrorCase(name: "run only inside a function", source: "def make():\n    @wrap\n    async def run():\n        pass\n    return run\n",
                  kind: .runNotAtModuleLevel, line: 3, messageParts: ["inside def make", "line 3"]),
        ErrorCase(name: "run in a class nested in a function", source: "async def outer():\n    class Inner:\n        def run(self): pass\n",
                  kind: .runNotAtModuleLevel, line: 3, messageParts: ["inside class Inner"]),
        ErrorCase(name: "unterminated single-quoted string", source: "async def run():\n    x = 'abc\n    return x\n",
                  kind: .unterminatedString, line: 2, messageParts: ["line 2", "close it"]),
        ErrorCase(name: "unterminated triple-quoted string", source: "async def run():\n    pass\n\ns = \"\"\"abc\n\nmore\n",
                  kind: .unterminatedString, line: 4, messageParts: ["line 4"]),
        ErrorCase(name: "unterminated string after a valid run", source: "async def run():\n    return 1\nx = \"oops\n",
                  kind: .unterminatedString, line: 3, messageParts: ["line 3"]),
        ErrorCase(name: "unterminated f-string replacement field", source: "async def run():\n    return f\"{x\n",
                  kind: .unterminatedString, line: 2, messageParts: ["line 2"]),
        ErrorCase(name: "bracket never closed", source: "async def run(a,\n              b=[1,\n                 2):\n    pass\n",
                  kind: .unbalancedBracket, line: 3, messageParts: ["')' at line 3 does not match '['", "opened at line 2"]),
        ErrorCase(name: "bracket open at end of file", source: "async def run():\n    x = {\n        'a': (1,\n",
                  kind: .unbalancedBracket, line: 3, messageParts: ["'(' opened at line 3 is never closed", "add the matching ')'"]),
        ErrorCase(name: "unmatched closing bracket", source: "async def run():\n    return 1)\n",
                  kind: .unbalancedBracket, line: 2, messageParts: ["unmatched ')' at line 2", "remove it"]),
        ErrorCase(name: "empty source", source: "", kind: .emptySource, line: 0, messageParts: ["empty", "async def run(...)"]),
        ErrorCase(name: "whitespace only", source: "  \n\t\n\r\n\u{0C}\n", kind: .emptySource, line: 0, messageParts: ["empty"]),
        ErrorCase(name: "comments only", source: "#!/usr/bin/env python3\n# nothing here\n   # indented comment\n",
                  kind: .emptySource, line: 0, messageParts: ["empty"]),
        ErrorCase(name: "byte order mark only", source: "\u{FEFF}\n", kind: .emptySource, line: 0, messageParts: ["empty"]),
    ]

    @Test("reports the kind, the line and what to do", arguments: cases)
    func reportsError(_ errorCase: ErrorCase) {
        #expect {
            try SkillSourceReader.read(errorCase.source)
        } throws: { error in
            guard let error = error as? SkillSourceError else { return false }
            #expect(error.kind == errorCase.kind)
            #expect(error.line == errorCase.line)
            for part in errorCase.messageParts {
                #expect(error.message.contains(part), "\(error.message) should contain \(part)")
            }
            #expect(error.description == error.message)
            return error.kind == errorCase.kind && error.line == errorCase.line
        }
    }

    @Test func everyKindIsCovered() {
        let kinds: [SkillSourceError.Kind] = [.missingRun, .syncRun, .runNotAtModuleLevel, .unterminatedString, .unbalancedBracket, .emptySource]
        for kind in kinds {
            #expect(Self.cases.contains { $0.kind == kind }, "\(kind)")
        }
    }

    @Test func syncRunMessageMatchesTheAgreedWording() throws {
        let error = try #require(throws: SkillSourceError.self) { try SkillSourceReader.read("import os\n\ndef run():\n    pass\n") }
        #expect(error.message == "run() must be 'async def', not 'def' (line 3): write 'async def run(...)'")
    }
}
