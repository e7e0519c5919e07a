import CodeModeCore
import CodeModeSession
import Foundation
import Testing
import TestSupport

/// `tools.list()` and `tools.search()` list every good tool whatever the other files hold.
@Suite("Session tool listing with bad tool files")
struct ToolListingTests {
    static let echo = "name: echo\ndescription: Prints its arguments.\ncommand: echo\nrecipes:\n  say: {description: Say it.}\n"

    @Test func anAliasBombInAToolFileIsLeftOutAndTheOthersAreListed() async throws {
        let fixture = try SessionFixture()
        try fixture.folder.write("tools/echo.yaml", Self.echo)
        try fixture.folder.write("tools/bomb.yaml", HostileInput.aliasBomb(header: "name: bomb\ncommand: echo"))
        #expect(try await fixture.value("[t['name'] for t in tools.list()]") == .array([.string("echo")]))
    }
}
