import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("Session on a git revision")
struct RevisionTests {
    @Test func everyNamespaceReadsTheRevisionAndWritesAreRefused() async throws {
        let repository = try GitFixture()
        try repository.write("codemode.yaml", "")
        try repository.write("skills/double.py", SessionFixture.double)
        try repository.write("requirements.txt", "hello-codemode==1.0\n")
        try repository.write("tools/echo.yaml", "name: echo\ndescription: Prints its words.\nrecipes:\n  say:\n    description: Say it.\n    params: {words: {}}\nschema:\n  positional:\n    - {name: words}\n")
        try repository.commitAll("the reviewed library")
        // Later edits in the work tree are not what the revision has.
        try repository.write("skills/double.py", "async def run(x: int) -> int:\n    return x * 1000\n")
        try repository.write("skills/draft.py", "async def run():\n    return 'draft'\n")

        let storage = try GitRevisionStorage(base: repository.workTree, revision: "main")
        let session = Session(storage: storage, executor: SubprocessExecutor(SubprocessConfig(defaultTimeout: 20, syncDepsOnStart: false)))
        defer { Task { await session.close() } }
        func value(_ code: String) async throws -> JSONValue? {
            let result = try await session.run(code)
            #expect(result.error == nil, "\(code): \(result.error ?? "")")
            return result.value
        }
        func error(_ code: String) async throws -> String { try await session.run(code).error ?? "" }

        #expect(try await value("[s.name for s in skills.list()]") == .array([.string("double")]))
        #expect(try await value("skills.double(x=4)") == .integer(8))
        #expect(try await value("skills.get('double')['description']") == .string("Doubles a number."))
        #expect(try await value("[s.name for s in skills.search('doubles')]") == .array([.string("double")]))
        #expect(try await value("skills.get('draft')") == nil)
        #expect(try await error("skills.create('new', 'async def run():\\n    return 1\\n')").contains("--rev main is a read-only view"))
        #expect(try await error("skills.delete('double')").contains("--rev main is a read-only view"))
        #expect(try await value("[t['name'] for t in tools.list()]") == .array([.string("echo")]))
        #expect(try await value("tools.echo.say(words='hi')") == .string("hi\n"))
        #expect(try await value("deps.list()") == .array([.string("hello-codemode==1.0")]))
        #expect(try await error("deps.add('other')")
            == "DepsError: deps.add: [ValueError] the dependency 'other' cannot be added: --rev main is a read-only view of a git revision; commit the change on that branch, or run the session on the library folder or a Redis prefix\n")
        #expect(try await error("deps.remove('hello-codemode')").contains("--rev main is a read-only view"))
        // Artifacts are run-time data: they go to the library folder.
        _ = try await value("artifacts.save('seen', b'\\x01')")
        #expect(FileManager.default.fileExists(atPath: repository.url("artifacts/seen").path))
        #expect(try await value("artifacts.load('seen')") == .string("b'\\x01'"))
    }
}
