import CodeModeCore
import Testing

@Suite("skill policies")
struct SkillPolicyTests {
    static let policy = SkillPolicy(forbidImports: ["subprocess", "socket", "ctypes", "pickle"],
                                    forbidCalls: ["eval", "exec", "os.system", "__import__", "compile"], secrets: true, maxSourceBytes: 10_000)

    func findings(_ source: String, _ policy: SkillPolicy = policy) -> [String] {
        policy.findings(in: Array(source.utf8), path: "skills/x.py").map(\.description)
    }

    @Test func forbiddenImportsAndCallsThroughAliases() {
        #expect(findings("import subprocess as sp\n\n\nasync def run():\n    return sp.run(['ls'])\n")
                == ["skills/x.py:1: policy forbid_imports: imports subprocess (forbidden: subprocess)"])
        #expect(findings("from os import system as shell\nshell('ls')\n") == ["skills/x.py:2: policy forbid_calls: calls os.system (forbidden: os.system)"])
        #expect(findings("import os as o\no.system('ls')\n") == ["skills/x.py:2: policy forbid_calls: calls os.system (forbidden: os.system)"])
        #expect(findings("from socket import create_connection\n") == ["skills/x.py:1: policy forbid_imports: imports create_connection from socket (forbidden: socket)"])
        #expect(findings("async def run():\n    def inner():\n        return eval('1')\n    m = __import__('pickle')\n")
                == ["skills/x.py:3: policy forbid_calls: calls eval (forbidden: eval)",
                    "skills/x.py:4: policy forbid_calls: calls __import__ (forbidden: __import__)"])
        #expect(findings("@compile\nasync def run():\n    pass\n").isEmpty, "a decorator without arguments is no call, as ast says")
        #expect(findings("x = 'eval(1)'  # eval(2)\nimport os\nos.path.join('a')\n").isEmpty)
    }

    @Test func secretsAreFoundAndOrdinaryStringsAreNot() {
        let secrets = [
            "key = 'AKIAIOSFODNN7EXAMPLE'\n",
            "token = 'ghp_0123456789abcdefghijABCDEFGHIJ012345'\n",
            "t = 'xoxb-1234567890-abcdefghij'\n",
            "PEM = '''-----BEGIN RSA PRIVATE KEY-----\nMIIE...'''\n",
            "password = \"hX9#kq2Lr8vZ\"\n",
            "config = {\"api_key\": \"q8Zr2Lx0Wn5Tb7Yc\"}\n",
        ]
        for source in secrets {
            #expect(findings(source).count == 1 && findings(source).first?.contains("policy secrets:") == true, "\(source)")
        }
        let ordinary = [
            "password = 'changeme'\n", "token = '<your token here>'\n", "if password == 'hX9#kq2Lr8vZ': pass\n",
            "name = 'AKIA'\n", "tokenizer = split(text)\n", "def secret_santa(): return 'Merry Christmas'\n",
        ]
        for source in ordinary { #expect(findings(source).isEmpty, "\(source)") }
    }

    @Test func sizeAndSettings() throws {
        #expect(findings(String(repeating: "#\n", count: 6_000)) == ["skills/x.py: policy max_source_bytes: 12000 bytes, more than 10000"])
        let parsed = try SkillPolicy.parse(.object([JSONMember("forbid_imports", .array([.string("subprocess")])), JSONMember("secrets", .bool(true))]))
        #expect(parsed == SkillPolicy(forbidImports: ["subprocess"], secrets: true))
        #expect(parsed.adding(SkillPolicy(forbidImports: ["socket", "subprocess"], maxSourceBytes: 5))
                == SkillPolicy(forbidImports: ["subprocess", "socket"], secrets: true, maxSourceBytes: 5))
        #expect(throws: PolicyError("unknown policy setting 'forbid'; a policy has forbid_imports, forbid_calls, secrets, max_source_bytes")) {
            _ = try SkillPolicy.parse(.object([JSONMember("forbid", .array([]))]))
        }
        #expect(throws: PolicyError("policy 'forbid_calls' must be a list of dotted names, as in [subprocess, os.system]")) {
            _ = try SkillPolicy.parse(.object([JSONMember("forbid_calls", .array([.string("os..system")]))]))
        }
    }
}
