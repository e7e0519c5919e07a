import Foundation
import CodeModeCore
import Testing

@Suite("Skill and artifact names")
struct NameRulesTests {
    @Test(arguments: ["greet", "_private", "fetch_json2", "A", "x_1_y"])
    func validSkillNames(name: String) throws {
        #expect(try SkillName(validating: name).rawValue == name)
    }

    @Test(arguments: [
        ("", "empty"), ("my-skill", "ASCII letters"), ("2fast", "ASCII letters"), ("café", "ASCII letters"),
        ("../evil", "ASCII letters"), ("a b", "ASCII letters"), ("class", "Python keyword"), ("None", "Python keyword"),
        ("list", "reserved"), ("invoke", "reserved"), ("delete", "reserved"),
    ])
    func invalidSkillNames(name: String, reasonFragment: String) {
        #expect(SkillName.problem(with: name)?.contains(reasonFragment) == true)
        #expect(throws: SkillNameError.self) { try SkillName(validating: name) }
    }

    @Test func namesAreAtMost128CharactersAndLongOnesAreShortenedInMessages() throws {
        let longest = String(repeating: "d", count: 128)
        #expect(try SkillName(validating: longest).rawValue == longest)
        #expect(try ArtifactName(validating: "reports/" + String(repeating: "é", count: 120)).rawValue.count == 128)
        let huge = String(repeating: "d", count: 70_000)
        let error = #expect(throws: SkillNameError.self) { try SkillName(validating: huge) }
        #expect(error?.description == "invalid skill name '\(String(repeating: "d", count: 48))… (70000 characters)': "
            + "the name is 70000 characters long; skill names are at most 128 characters")
        #expect(SkillName.problem(with: longest + "d") == "the name is 129 characters long; skill names are at most 128 characters")
        let artifact = #expect(throws: ArtifactNameError.self) { try ArtifactName(validating: "a/" + huge) }
        #expect((artifact?.description.count ?? .max) < 200)
        #expect(artifact?.description.contains("artifact names are at most 128 characters") == true)
    }

    @Test(arguments: ["__init__", "__main__", "__x__", "__"])
    func specialNamesAreNotSkills(name: String) {
        #expect(SkillName.problem(with: name)?.contains("is a Python special name") == true)
    }

    @Test func invalidNameMessageSuggestsASpelling() {
        #expect(SkillName.problem(with: "my-skill")?.contains("'my_skill'") == true)
    }

    @Test(arguments: ["report.txt", "reports/2026/nov.json", "a.b", ".hidden", "x..y"])
    func validArtifactNames(name: String) throws {
        #expect(try ArtifactName(validating: name).rawValue == name)
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../../x", "a/..", "a//b", "a/./b", "a/", ".artifacts.json",
                      "sub/.artifacts.json", "__index__", "a\u{0}b", "line\nbreak"])
    func invalidArtifactNames(name: String) {
        #expect(throws: ArtifactNameError.self) { try ArtifactName(validating: name) }
    }

    @Test func timestampsLookLikePythonIsoformat() {
        #expect(PythonTimestamp.format(Date(timeIntervalSince1970: 1_795_892_713.380112)) == "2026-11-28T19:05:13.380112+00:00")
        #expect(PythonTimestamp.format(Date(timeIntervalSince1970: 1_795_892_713)) == "2026-11-28T19:05:13+00:00")
    }
}
