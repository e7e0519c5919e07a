import CodeModeCore
import Foundation
import Testing
import TestSupport

/// Long listings as a person at a terminal reads them (a pseudo-terminal here): counts, the
/// first 20 items and how many more; `--verbose`, piped output and `--json` list every item.
@Suite("codemode listings")
struct ListingCommandTests {
    let server: RedisServer
    let fixture: GitFixture
    let prefix: String

    init() throws {
        server = try RedisServer()
        fixture = try GitFixture()
        prefix = server.uniquePrefix("dev")
        try fixture.write("codemode.yaml", "environments:\n  dev: { url: \"\(server.url)\", prefix: \(prefix) }\n")
        for index in 0..<30 {
            try fixture.write("skills/skill_\(index).py", "\"\"\"Skill \(index).\"\"\"\n\n\nasync def run() -> int:\n    return \(index)\n")
        }
        try fixture.write("tools/echo.yaml", "name: echo\ndescription: Echoes.\ncommand: echo\nrecipes:\n  say: {description: Say it.}\n")
        try fixture.commitAll("thirty skills")
    }

    func onTerminal(_ arguments: String...) throws -> ProcessResult {
        try Terminal.run(ProcessRunner.codemodeExecutable, arguments, in: fixture.workTree, environment: fixture.environment)
    }

    @Test func aTerminalReadsASummaryAndEveryoneElseEveryItem() throws {
        let push = try onTerminal("push", "dev", "--dry-run")
        #expect(push.status == 0, "\(push.stderr)")
        let lines = push.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "31 items: 30 added skill, 1 added tool", "\(push.stdout)")
        #expect(lines.count == 1 + 20 + 2, "\(push.stdout)")
        #expect(lines[1].hasPrefix("  added     skills/skill_0.py  → "))
        #expect(lines[21] == "  … and 11 more (--verbose lists them all)")
        #expect(lines[22].hasPrefix("dev: would write 31 item(s)"))

        let verbose = try onTerminal("push", "dev", "--dry-run", "--verbose").stdout.split(separator: "\n")
        #expect(verbose.count == 31 + 1 && verbose.filter { $0.hasPrefix("  added ") }.count == 31)
        let piped = try fixture.codemode("push", "dev", "--dry-run").stdout.split(separator: "\n")
        #expect(piped.count == 31 + 1, "piped output stays complete, as git's does")
        let json = try JSONParser.parse(try onTerminal("push", "dev", "--dry-run", "--json").stdout)
        #expect(json["writes"]?.arrayValue?.count == 31, "--json is always complete")
    }

    @Test func storeCommandsSummarizeAndAnUnchangedDiffIsOneLine() throws {
        #expect(try fixture.codemode("store", "bootstrap", "--source", "skills", "--target", server.url.description, "--prefix", "plain").status == 0)
        let list = try onTerminal("store", "list", "--target", server.url.description, "--prefix", "plain")
        #expect(list.stdout.hasPrefix("30 items: 30 skills\n") && list.stdout.contains("  … and 10 more (--verbose lists them all)\n"), "\(list.stdout)")

        let same = try onTerminal("store", "diff", "--source", "skills", "--target", server.url.description, "--prefix", "plain")
        #expect(same.stdout == "no differences: 30 skill(s) the same on both sides\n", "\(same.stdout)")
        try fixture.write("skills/skill_3.py", "\"\"\"Skill three, changed.\"\"\"\n\n\nasync def run() -> int:\n    return 3\n")
        let changed = try onTerminal("store", "diff", "--source", "skills", "--target", server.url.description, "--prefix", "plain")
        let lines = changed.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(2)) == ["30 items: 29 the same, 1 modified", "  ~ skill_3 (modified)"], "a difference comes before what is the same: \(changed.stdout)")
        #expect(lines.count == 22 && lines.last == "  … and 10 more (--verbose lists them all)")
        let everything = try onTerminal("store", "diff", "--source", "skills", "--target", server.url.description, "--prefix", "plain", "--verbose")
        #expect(everything.stdout.split(separator: "\n").count == 30 && everything.stdout.contains("  ~ skill_3 (modified)\n"))
    }
}
