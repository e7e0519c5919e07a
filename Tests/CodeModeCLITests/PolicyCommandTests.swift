import CodeModeCore
import CodeModeRedis
import Foundation
import Testing
import TestSupport

/// A policy in codemode.yaml, where a user meets it: the pre-commit hook, a push to a policed
/// environment, and an agent's `skills.create` on that environment's prefix.
@Suite("codemode policies")
final class PolicyCommandTests {
    let server: RedisServer
    let fixture: GitFixture
    let prod: String

    static let clean = "\"\"\"Doubles.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n"
    static let shelling = "\"\"\"Lists files.\"\"\"\nimport subprocess\n\n\nasync def run() -> str:\n    return subprocess.run(['ls'], capture_output=True).stdout\n"

    init() throws {
        server = try RedisServer()
        fixture = try GitFixture()
        prod = server.uniquePrefix("prod")
        #expect(try fixture.codemode("init").status == 0)
        try fixture.write("codemode.yaml", """
            policy: {secrets: true}
            environments:
              prod:
                url: "\(server.url)"
                prefix: \(prod)
                policy: {forbid_imports: [subprocess, socket], forbid_calls: [eval, os.system]}

            """)
        try fixture.write("skills/double.py", Self.clean)
        try fixture.commitAll("policy")
    }

    @Test func theDefaultPolicyIsCheckedAtCommit() throws {
        try fixture.write("skills/leaky.py", "\"\"\"Leaks.\"\"\"\nKEY = 'AKIAIOSFODNN7EXAMPLE'\n\n\nasync def run():\n    return KEY\n")
        try fixture.git("add", "skills/leaky.py")
        let commit = try fixture.runGit(["commit", "-m", "leak"])
        #expect(commit.status != 0)
        #expect((commit.stdout + commit.stderr).contains("skills/leaky.py:2: policy secrets: an AWS access key id in the source"))
        let validate = try fixture.codemode("validate")
        #expect(validate.status == 1 && validate.stdout.contains("policy secrets"))
    }

    @Test func aPushToAPolicedEnvironmentIsRefusedBeforeAnythingIsWritten() throws {
        try fixture.write("skills/shelling.py", Self.shelling)
        try fixture.commitAll("an import the default policy allows")
        let push = try fixture.codemode("push", "prod")
        #expect(push.status == 1)
        #expect(push.stderr.contains("skills/shelling.py:2: policy forbid_imports: imports subprocess (forbidden: subprocess)"), "\(push.stderr)")
        #expect(try server.connect().command("EXISTS", "\(prod):skills:__skills__") == .integer(0), "nothing was written")
    }

    @Test func anAgentCannotSaveAForbiddenSkillIntoThePrefix() throws {
        #expect(try fixture.codemode("push", "prod").status == 0)
        let refused = try fixture.codemode("run", "--env", "prod", "--no-sync-deps",
                                          "skills.create('evaluator', 'async def run(text: str):\\n    return eval(text)\\n', description='Evaluates.')")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("skill 'evaluator' was not saved, it breaks the policy: line 2: policy forbid_calls: calls eval (forbidden: eval)"), "\(refused.stderr)")
        #expect(try server.connect().command("HEXISTS", "\(prod):skills:__skills__", "evaluator") == .integer(0))
        let allowed = try fixture.codemode("run", "--env", "prod", "--no-sync-deps",
                                          "skills.create('tripler', 'async def run(x: int):\\n    return 3 * x\\n', description='Triples.'); skills.tripler(x=2)")
        #expect(allowed.status == 0 && allowed.stdout == "6\n", "\(allowed.stderr)")
    }
}
