import CodeModeCore
import Foundation
import Testing
import TestSupport

@Suite("codemode init, hooks and validate --staged")
struct GitCommandTests {
    static let goodSkill = "\"\"\"Doubles a number.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n"
    static let badSkill = "def run(x):\n    return x\n"

    @Test func initMakesARepositoryGitAgreesWith() throws {
        let fixture = try GitFixture(initialize: false)
        let result = try fixture.codemode("init", "lib", in: fixture.workTree)
        #expect(result.status == 0, "\(result.stderr)")
        let library = fixture.url("lib")
        #expect(try fixture.git("fsck", "--full", "--strict", in: library).isEmpty)
        #expect(try fixture.git("log", "--format=%s", in: library) == "Create the skill library")
        #expect(try fixture.git("status", "--porcelain", in: library).isEmpty)
        #expect(try fixture.git("ls-files", in: library).split(separator: "\n") ==
                [".gitignore", "codemode.yaml", "requirements.txt", "skills/word_count.py", "tests/test_word_count.py", "tools/echo.yaml"])
        #expect(try fixture.git("check-ignore", "artifacts/x", "vectors/y", in: library).split(separator: "\n").count == 2)
        // Nobody configured an identity anywhere: the documented fallback signs the commit.
        #expect(try fixture.git("log", "--format=%an <%ae>", in: library) == "CodeMode <codemode@localhost>")
        let validate = try fixture.codemode("validate", in: library)
        #expect(validate.status == 0, "\(validate.stdout)")

        let again = try fixture.codemode("init", "lib", in: fixture.workTree)
        #expect(again.status == 3)
        #expect(again.stderr.contains("already holds a library"))
    }

    @Test func initInsideARepositoryAddsAFolderWithoutASecondGit() throws {
        let fixture = try GitFixture()
        try fixture.write("app/main.py", "print('app')\n")
        try fixture.commitAll("app")
        try fixture.write("app/other.py", "x = 1\n")
        try fixture.git("add", "app/other.py")
        let result = try fixture.codemode("init", ".code-mode")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url(".code-mode/.git").path))
        #expect(try fixture.git("log", "--format=%s %an") == "Add the skill library in .code-mode Test Author\napp Test Author")
        #expect(try fixture.git("show", "--name-only", "--format=", "HEAD").split(separator: "\n").allSatisfy { $0.hasPrefix(".code-mode/") })
        // The user's own staged change is still staged, not committed.
        #expect(try fixture.git("status", "--porcelain") == "A  app/other.py")
        #expect(try fixture.git("fsck", "--full").isEmpty)
        let listed = try fixture.codemode("skill", "list", in: fixture.url(".code-mode/skills"))
        #expect(listed.stdout.hasPrefix("word_count"))
    }

    @Test func hookRefusesABadSkillAndAcceptsAGoodOne() throws {
        let fixture = try GitFixture()
        #expect(try fixture.codemode("init", ".code-mode").status == 0)
        try fixture.write(".code-mode/skills/bad.py", Self.badSkill)
        try fixture.git("add", ".code-mode/skills/bad.py")
        let refused = try fixture.runGit(["commit", "-m", "bad skill"])
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("skills/bad.py:1: run() must be 'async def'"))
        #expect(try fixture.git("log", "--format=%s").split(separator: "\n").count == 1)

        try fixture.git("rm", "--cached", "--quiet", ".code-mode/skills/bad.py")
        try fixture.write(".code-mode/skills/double.py", Self.goodSkill)
        try fixture.git("add", ".code-mode/skills/double.py")
        let accepted = try fixture.runGit(["commit", "-m", "good skill"])
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(try fixture.git("log", "-1", "--format=%s") == "good skill")
    }

    /// The hook checks what is staged: fixing only the work tree does not make a bad commit pass.
    @Test func stagedContentIsCheckedNotTheWorkTree() throws {
        let fixture = try GitFixture()
        #expect(try fixture.codemode("init").status == 0)
        try fixture.write("skills/late.py", Self.badSkill)
        try fixture.git("add", "skills/late.py")
        try fixture.write("skills/late.py", Self.goodSkill)
        #expect(try fixture.codemode("validate").status == 0)
        let staged = try fixture.codemode("validate", "--staged", "--json")
        #expect(staged.status == 1)
        let problems = try JSONParser.parse(staged.stdout)["problems"]?.arrayValue ?? []
        #expect(problems.compactMap { $0["path"]?.stringValue } == ["skills/late.py"])
        #expect(try fixture.runGit(["commit", "-m", "late"]).status != 0)

        // A commit made around the hook is still caught by --rev.
        try fixture.git("commit", "--quiet", "--no-verify", "-m", "bypassed")
        let committed = try fixture.codemode("validate", "--rev", "HEAD")
        #expect(committed.status == 1)
        #expect(committed.stdout.contains("skills/late.py:1:"))
        #expect(try fixture.codemode("validate", "--rev", "HEAD~1").status == 0)
        let missing = try fixture.codemode("validate", "--rev", "no-such-branch")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-branch"))
    }

    @Test func hooksInstallLeavesForeignHooksAlone() throws {
        let fixture = try GitFixture()
        try fixture.write("skills/double.py", Self.goodSkill)
        try fixture.write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n")
        let refused = try fixture.codemode("hooks", "install")
        #expect(refused.status == 3)
        #expect(try String(contentsOf: fixture.url(".git/hooks/pre-commit"), encoding: .utf8) == "#!/bin/sh\necho mine\n")
        #expect(try fixture.codemode("hooks", "install", "--force").stdout.hasPrefix("updated"))
        #expect(try fixture.codemode("hooks", "install").stdout.hasPrefix("unchanged"))
    }

    @Test func skillNewWritesTheTemplate() throws {
        let fixture = try GitFixture()
        #expect(try fixture.codemode("init").status == 0)
        let created = try fixture.codemode("skill", "new", "fetch_title", "--description", "Fetch a page's title.")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "created skills/fetch_title.py: Fetch a page's title.\ncreated tests/test_fetch_title.py: a test to start from (codemode test fetch_title)\n")
        #expect(try fixture.codemode("validate", "skills/fetch_title.py").status == 0)
        // The new skill's test, and the sample skill's from init, pass as written.
        let tested = try fixture.codemode("test")
        #expect(tested.status == 0 && tested.stdout.contains("4 passed, 0 failed in "), "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stdout.contains("tests/test_fetch_title.py .") && tested.stdout.contains("tests/test_word_count.py ..."))
        #expect(try fixture.codemode("skill", "new", "fetch_title").status == 3)
    }
}
