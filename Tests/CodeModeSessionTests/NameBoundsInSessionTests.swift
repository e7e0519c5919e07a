import CodeModeCore
import CodeModeSession
import Foundation
import Testing
import TestSupport

/// An agent cannot store a name that the other side could not hold.
@Suite("Name bounds in a session")
struct NameBoundsInSessionTests {
    @Test(arguments: SessionFixture.Side.allCases)
    func hugeAndSpecialNamesAreRefusedInShortMessages(side: SessionFixture.Side) async throws {
        let fixture = try SessionFixture(side)
        let huge = try await fixture.error("skills.create('d' * 70000, 'async def run():\\n    return 1\\n')")
        #expect(huge.hasPrefix("SkillError: skills.create: [ValueError] invalid skill name 'dddd"))
        #expect(huge.contains("… (70000 characters)': the name is 70000 characters long; skill names are at most 128 characters"))
        #expect(huge.count < 300, "\(huge.prefix(400))")
        let special = try await fixture.error("skills.create('__init__', 'async def run():\\n    return 1\\n')")
        #expect(special.contains("'__init__' is a Python special name"))
        let artifact = try await fixture.error("artifacts.save('a' * 200, 'x')")
        #expect(artifact.contains("artifact names are at most 128 characters"))
        #expect(artifact.count < 300)
        #expect(try await fixture.value("skills.list()") == .array([]))
        #expect(try await fixture.value("artifacts.list()") == .array([]))
    }
}
