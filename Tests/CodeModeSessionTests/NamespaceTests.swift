import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("Session namespaces")
struct NamespaceTests {
    @Test(arguments: SessionFixture.Side.allCases)
    func skillsNamespace(side: SessionFixture.Side) async throws {
        let fixture = try SessionFixture(side)
        #expect(try await fixture.value("skills.list()") == .array([]))
        let created = try await fixture.value("""
            skills.create('double', '''async def run(x: int) -> int:
                return x * 2
            ''', description='Doubles a number.')
            """)
        #expect(created == .string("Skill(name='double', description='Doubles a number.', params={'x': 'integer'})"))
        #expect(try await fixture.value("skills.double(x=21)") == .integer(42))
        #expect(try await fixture.value("skills.invoke('double', x=5)") == .integer(10))
        #expect(try await fixture.value("[s.name for s in skills.list()]") == .array([.string("double")]))
        #expect(try await fixture.value("skills.get('double')['description']") == .string("Doubles a number."))
        #expect(try await fixture.value("'Doubles a number.' in skills.get('double')['source']") == .bool(true))
        #expect(try await fixture.value("skills.get('nothing')") == nil)
        // The storage has it, description written into the source.
        let stored = try #require(try fixture.storage.skill(named: SkillName(validating: "double")))
        #expect(stored.description == "Doubles a number.")

        #expect(try await fixture.error("skills.create('list', 'async def run():\\n    return 1\\n')")
            .hasPrefix("SkillError: skills.create: [ValueError] invalid skill name 'list'"))
        #expect(try await fixture.error("skills.create('sync', 'def run():\\n    return 1\\n')")
            .hasPrefix("SkillError: skills.create: [ValueError] skill 'sync':"))
        #expect(try await fixture.error("skills.nosuch()").hasSuffix("ValueError: Skill not found: nosuch\n"))
        #expect(try await fixture.value("skills.delete('double')") == .bool(true))
        #expect(try await fixture.value("skills.delete('double')") == .bool(false))
    }

    @Test(arguments: SessionFixture.Side.allCases)
    func skillsCallSkillsAndTracebacksNameTheSkillFile(side: SessionFixture.Side) async throws {
        let fixture = try SessionFixture(side)
        _ = try await fixture.session.addSkill(name: "double", source: SessionFixture.double)
        _ = try await fixture.session.addSkill(name: "quadruple", source: "async def run(x: int) -> int:\n    return skills.double(x=skills.double(x=x))\n")
        _ = try await fixture.session.addSkill(name: "broken", source: "async def run():\n    value = 1\n    return value / 0\n")
        #expect(try await fixture.value("skills.quadruple(x=3)") == .integer(12))
        // From async code too: the nested skill runs on a loop of its own.
        #expect(try await fixture.value("import asyncio\nawait asyncio.sleep(0)\nskills.quadruple(x=1)") == .integer(4))
        let error = try await fixture.error("skills.broken()")
        let location = fixture.storage.skillLocation(try SkillName(validating: "broken"))
        #expect(error.contains("File \"\(location)\", line 3, in run\n    return value / 0"))
        #expect(error.hasSuffix("ZeroDivisionError: division by zero\n"))
    }

    /// The kernel keeps its listing, and the host its catalog, only while the library is the
    /// same: what another process changes in the folder shows at the next call.
    @Test(arguments: SessionFixture.Side.allCases)
    func listingsAndSearchesFollowChangesMadeElsewhere(side: SessionFixture.Side) async throws {
        let fixture = try SessionFixture(side)
        let other = try fixture.newStorage()
        _ = try other.saveSkill(SkillName(validating: "parse_dates"), source: "async def run(text: str) -> list:\n    return []\n",
                                description: "Finds dates in text.", replacing: false)
        let listed = "[[s.name, s.description] for s in skills.list()]"
        #expect(try await fixture.value(listed) == .array([.array([.string("parse_dates"), .string("Finds dates in text.")])]))
        #expect(try await fixture.value(listed) == .array([.array([.string("parse_dates"), .string("Finds dates in text.")])]), "unchanged")

        _ = try other.saveSkill(SkillName(validating: "parse_dates"), source: "async def run(text: str) -> list:\n    return []\n",
                                description: "Finds dates and times in text.", replacing: true)
        _ = try other.saveSkill(SkillName(validating: "count_words"), source: "async def run(text: str) -> int:\n    return 0\n",
                                description: "Counts the words of a text.", replacing: false)
        #expect(try await fixture.value(listed) == .array([
            .array([.string("count_words"), .string("Counts the words of a text.")]),
            .array([.string("parse_dates"), .string("Finds dates and times in text.")]),
        ]))
        #expect(try await fixture.value("[s.name for s in skills.search('words')]") == .array([.string("count_words")]))
        _ = try other.deleteSkill(named: SkillName(validating: "count_words"))
        #expect(try await fixture.value("[s.name for s in skills.list()]") == .array([.string("parse_dates")]))
        #expect(try await fixture.value("[s.name for s in skills.search('words')]") == .array([]))
    }

    @Test func searchRanksByNameDescriptionAndParameters() async throws {
        let fixture = try SessionFixture()
        let sources = [
            "fetch_json": "\"\"\"Fetches a URL and parses the JSON body.\"\"\"\n\n\nasync def run(url: str) -> dict:\n    return {}\n",
            "word_count": "\"\"\"Counts words in a text.\"\"\"\n\n\nasync def run(text: str) -> int:\n    return 0\n",
            "resize_image": "\"\"\"Resizes an image file.\"\"\"\n\n\nasync def run(path: str, width: int) -> str:\n    return path\n",
        ]
        for (name, source) in sources { _ = try await fixture.session.addSkill(name: name, source: source) }
        #expect(try await fixture.value("[s.name for s in skills.search('json url')]") == .array([.string("fetch_json")]))
        #expect(try await fixture.value("[s.name for s in skills.search('width')]") == .array([.string("resize_image")]))
        #expect(try await fixture.value("skills.search('nothing like it')") == .array([]))
        #expect(try await fixture.session.searchSkills("count words").map(\.name.rawValue) == ["word_count"])
    }

    @Test(arguments: SessionFixture.Side.allCases)
    func artifactsRoundTripTextJSONAndBytes(side: SessionFixture.Side) async throws {
        let fixture = try SessionFixture(side)
        let saved = try await fixture.value("artifacts.save('notes.txt', 'héllo', description='a note')")
        guard case .string(let meta) = saved else { Issue.record("no ArtifactMeta"); return }
        #expect(meta.hasPrefix("ArtifactMeta(name='notes.txt', path="))
        try await fixture.value("artifacts.save('table', {'rows': [1, 2]})\nartifacts.save('blob', bytes(range(256)))\nartifacts.save('n', 42)")
        #expect(try await fixture.value("artifacts.load('notes.txt')") == .string("héllo"))
        #expect(try await fixture.value("artifacts.load('table')") == .object([JSONMember("rows", .array([.integer(1), .integer(2)]))]))
        #expect(try await fixture.value("artifacts.load('blob') == bytes(range(256))") == .bool(true))
        #expect(try await fixture.value("artifacts.load('n')") == .string("42"))
        #expect(try await fixture.value("sorted(a.name for a in artifacts.list())")
            == .array(["blob", "n", "notes.txt", "table"].map(JSONValue.string)))
        #expect(try await fixture.value("artifacts.exists('blob'), artifacts.exists('nope')") == .string("(True, False)"))
        #expect(try await fixture.value("artifacts.get('notes.txt').description") == .string("a note"))
        #expect(try await fixture.value("artifacts.get('nope')") == nil)
        // Bytes from the host side reach the kernel as bytes.
        _ = try await fixture.session.saveArtifact("from_host", .bytes(Data([0, 255, 10])))
        #expect(try await fixture.value("artifacts.load('from_host')") == .string("b'\\x00\\xff\\n'"))
        #expect(try await fixture.session.loadArtifact("blob") == .bytes(Data((0...255).map(UInt8.init))))
        #expect(try await fixture.error("artifacts.load('zz')") == "ArtifactError: artifacts.load: [ArtifactNotFoundError] Artifact 'zz' not found\n")
        try await fixture.value("artifacts.delete('blob')")
        #expect(try await fixture.value("artifacts.exists('blob')") == .bool(false))
    }

    @Test func twoSessionsOnOnePrefixSeeEachOthersSkillsAtOnce() async throws {
        let server = try RedisServer()
        let prefix = server.uniquePrefix()
        let first = try SessionFixture(.redis, server: server, prefix: prefix)
        let second = try SessionFixture(.redis, server: server, prefix: prefix)
        #expect(try await second.value("skills.list()") == .array([]))
        try await first.value("skills.create('shared', 'async def run():\\n    return \"from the first\"\\n')")
        #expect(try await second.value("skills.shared()") == .string("from the first"))
        try await second.value("skills.create('shared', 'async def run():\\n    return \"changed by the second\"\\n')")
        #expect(try await first.value("skills.shared()") == .string("changed by the second"))
    }
}
