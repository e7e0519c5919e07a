import CodeModeCore
import CodeModeStorage
import Testing
import TestSupport

/// Each bad file is rejected with a message of its own that says what is wrong.
@Suite("Bad skill files")
struct BadSkillFileTests {
    static let cases: [(file: String, content: [UInt8], expectedFragment: String)] = [
        ("lone_def.py", Array("def run(x):\n    return x\n".utf8), "must be 'async def'"),
        ("redefined.py", Array("async def run():\n    return 1\n\ndef run():\n    return 2\n".utf8), "must be 'async def'"),
        ("no_run.py", Array("async def main():\n    return 1\n".utf8), "async def run"),
        ("in_class.py", Array("class Helper:\n    async def run(self):\n        return 1\n".utf8), "class Helper"),
        ("in_function.py", Array("def outer():\n    async def run():\n        return 1\n    return run\n".utf8), "outer"),
        ("syntax.py", Array("async def run(x:\n    return x\n".utf8), "syntax error"),
        ("indent.py", Array("async def run():\nreturn 1\n".utf8), "syntax error: expected an indented block"),
        ("unterminated.py", Array("async def run():\n    return 'abc\n".utf8), "syntax error: unterminated string"),
        ("my-skill.py", Array("async def run():\n    return 1\n".utf8), "invalid skill name 'my-skill'"),
        ("1abc.py", Array("async def run():\n    return 1\n".utf8), "invalid skill name '1abc'"),
        ("café.py", Array("async def run():\n    return 1\n".utf8), "invalid skill name 'café'"),
        ("list.py", Array("async def run():\n    return 1\n".utf8), "reserved by the skills namespace"),
        ("class.py", Array("async def run():\n    return 1\n".utf8), "Python keyword"),
        ("latin1.py", Array("\"\"\"Caf".utf8) + [0xE9] + Array("\"\"\"\nasync def run():\n    return 1\n".utf8), "not valid UTF-8"),
        ("empty.py", [], "empty"),
        ("blank.py", Array("\n   \n# only a comment\n".utf8), "empty"),
    ]

    @Test func everyBadFileHasItsOwnProblem() throws {
        let folder = try TemporaryDirectory("bad")
        for (file, content, _) in Self.cases { try folder.write("skills/\(file)", bytes: content) }
        try folder.write("skills/good.py", "async def run():\n    return 1\n")
        let report = try LibraryValidator.validate(library: FileStorage(base: folder.url))
        #expect(report.skillsChecked == Self.cases.count + 1)
        for (file, _, fragment) in Self.cases {
            let problems = report.problems.filter { $0.path == "skills/\(file)" }
            #expect(problems.count == 1, "\(file): \(problems)")
            #expect(problems.first?.message.contains(fragment) == true, "\(file): \(problems)")
        }
        #expect(!report.problems.contains { $0.path == "skills/good.py" })
        // Listing reads without Python, so it does not see what only Python's parser finds
        // ("syntax error" rows); every other bad file is reported and the good one listed.
        let listing = try FileStorage(base: folder.url).listSkills()
        let parserOnly = Set(Self.cases.filter { $0.expectedFragment.hasPrefix("syntax error") }.map { String($0.file.dropLast(3)) })
        #expect(Set(listing.skills.map(\.name.rawValue)).subtracting(parserOnly) == ["good"])
        #expect(listing.problems.count + listing.skills.count == Self.cases.count + 1)
    }

    @Test func problemsCarryTheLine() throws {
        let folder = try TemporaryDirectory("bad-lines")
        try folder.write("skills/late.py", "import os\n\n\ndef run():\n    return 1\n")
        try folder.write("skills/broken.py", "async def run():\n    x = (1,\n    return x\n")
        let report = try LibraryValidator.validate(library: FileStorage(base: folder.url))
        #expect(report.problems.first { $0.path == "skills/late.py" }?.line == 4)
        #expect(report.problems.first { $0.path == "skills/broken.py" }?.line == 2)
    }

    @Test func namesThatEscapeAreRefusedBeforeAnythingIsWritten() throws {
        let folder = try TemporaryDirectory("escape")
        #expect(throws: SkillNameError.self) { try SkillName(validating: "../evil") }
        #expect(throws: SkillNameError.self) { try SkillName(validating: "sub/skill") }
        #expect(try FileStorage(base: folder.url).listSkills().skills.isEmpty)
    }
}
