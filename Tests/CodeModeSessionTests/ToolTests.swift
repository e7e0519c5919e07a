import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("Session tools")
struct ToolTests {
    /// A library whose tool `args` runs a script that prints each argument as `[arg]`.
    static func fixture() throws -> SessionFixture {
        let fixture = try SessionFixture()
        let script = try fixture.folder.write("bin/show-args", """
            #!/bin/sh
            for argument in "$@"; do echo "[$argument]"; done
            case " $* " in *" --fail "*) echo "it went wrong" >&2; exit 3 ;; esac
            case " $* " in *" --sleep "*) sleep 10 ;; esac

            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        try fixture.folder.write("tools/args.yaml", """
            name: args
            description: Shows the arguments it gets.
            command: \(script.path)
            timeout: 0.5
            tags: [debugging]
            schema:
              options:
                silent: {type: boolean, short: s, description: say less}
                header: {type: array, short: H}
                count: {type: integer}
                fail: {type: boolean}
                sleep: {type: boolean}
              positional:
                - {name: url, type: string, required: true, description: where}
            recipes:
              get:
                description: Fetch a page quietly.
                preset: {silent: true}
                params:
                  url: {type: string, required: true}
                  count: {type: integer, default: 3}
              args:
                description: The tool's own recipe.
                params:
                  url: {}

            """)
        try fixture.folder.write("tools/other.yaml", "name: other\ndescription: Converts images between formats.\ncommand: \"true\"\nrecipes:\n  run: {description: Run it.}\n")
        return fixture
    }

    @Test func argvIsBuiltFromTheSchemaWithoutAShell() async throws {
        let fixture = try Self.fixture()
        #expect(try await fixture.value("tools.args.get(url='http://x; rm -rf /')") == .string("[-s]\n[--count]\n[3]\n[http://x; rm -rf /]\n"))
        // The caller overrides presets and defaults; arrays repeat the flag; values are str()-ed.
        #expect(try await fixture.value("tools.args.get(url='u', silent=False, count=1.5, header=['A: 1', 2])")
            == .string("[-H]\n[A: 1]\n[-H]\n[2]\n[--count]\n[1.5]\n[u]\n"))
        // tools.<t>(...) uses the recipe named after the tool: unknown arguments are dropped.
        #expect(try await fixture.value("tools.args(url='u', bogus=1)") == .string("[u]\n"))
        #expect(try await fixture.error("tools.args.get()")
            == "ToolError: tools.call: [ToolCallError] Required parameter 'url' is missing\n")
    }

    @Test func failuresTimeoutsAndUnknownNamesAreToolErrors() async throws {
        let fixture = try Self.fixture()
        #expect(try await fixture.error("tools.args.get(url='u', fail=True, silent=False, count=None)")
            == "ToolError: tools.call: [ToolCallError] Tool 'args' failed: Command failed: it went wrong (exit code 3)\n")
        let started = ContinuousClock.now
        #expect(try await fixture.error("tools.args.get(url='u', sleep=True)")
            == "ToolError: tools.call: [ToolTimeoutError] Tool 'args' timed out after 0.5s\n")
        #expect(started.duration(to: .now) < .seconds(5))
        #expect(try await fixture.error("tools.nothing()")
            == "ToolError: tools.call: [ToolNotFoundError] Tool 'nothing' not found. Available: args, other\n")
        #expect(try await fixture.error("tools.args.nope(url='u')").contains("Recipe 'nope' not found; its recipes: get, args"))
    }

    @Test func listSearchAndRecipes() async throws {
        let fixture = try Self.fixture()
        #expect(try await fixture.value("[t['name'] for t in tools.list()]") == .array([.string("args"), .string("other")]))
        #expect(try await fixture.value("tools.list()[0]['tags'], [c['name'] for c in tools.list()[0]['callables']]")
            == .string("(['debugging'], ['get', 'args'])"))
        #expect(try await fixture.value("tools.list()[0]['callables'][0]['parameters'][1]")
            == .object([JSONMember("name", .string("count")), JSONMember("type", .string("integer")), JSONMember("required", .bool(false)),
                        JSONMember("default", .integer(3)), JSONMember("description", .string(""))]))
        #expect(try await fixture.value("[t['name'] for t in tools.search('images')]") == .array([.string("other")]))
        #expect(try await fixture.value("[t['name'] for t in tools.search('debugging quietly')]") == .array([.string("args")]))
        #expect(try await fixture.value("tools.args.list()") == .array([
            .object([JSONMember("name", .string("get")), JSONMember("description", .string("Fetch a page quietly."))]),
            .object([JSONMember("name", .string("args")), JSONMember("description", .string("The tool's own recipe."))]),
        ]))
        guard case .array(let listed) = try await fixture.session.listTools() else { Issue.record("no list"); return }
        #expect(listed.count == 2)
    }

    @Test func toolsOfARedisPrefix() async throws {
        let fixture = try SessionFixture(.redis)
        guard let redis = fixture.storage as? RedisStorage else { Issue.record("not a prefix"); return }
        let echo = #"{"name": "shout", "description": "Prints its words.", "command": "echo", "recipes": {"say": {"params": {"words": {}}}}, "schema": {"positional": [{"name": "words"}]}}"#
        _ = try redis.connection.command("HSET", redis.keys.tools, "shout", echo)
        #expect(try await fixture.value("[t['name'] for t in tools.list()], tools.shout.say(words='from redis')")
            == .string("(['shout'], 'from redis\\n')"))
    }

    @Test func aSkillCallsATool() async throws {
        let fixture = try Self.fixture()
        _ = try await fixture.session.addSkill(name: "quiet_get", source: """
            async def run(url: str) -> str:
                return tools.args.get(url=url).splitlines()[-1]

            """)
        #expect(try await fixture.value("skills.quiet_get(url='https://example.com')") == .string("[https://example.com]"))
    }
}
