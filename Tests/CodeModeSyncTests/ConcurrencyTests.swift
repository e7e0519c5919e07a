import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage
@testable import CodeModeSync
import Foundation
import Testing
import TestSupport

@Suite("push under concurrency and crashes")
final class ConcurrencyTests {
    /// An agent process — py-code-mode's way of saving a skill, one HSET of its JSON — that
    /// writes `count` new skills, one every few milliseconds. Python's standard library only:
    /// it speaks the Redis protocol over a plain socket.
    static let agentScript = #"""
    import json, socket, sys, time
    host, port, key, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    connection = socket.create_connection((host, port))
    reader = connection.makefile("rb")
    def command(*parts):
        data = b"*%d\r\n" % len(parts)
        for part in parts:
            part = part.encode() if isinstance(part, str) else part
            data += b"$%d\r\n%s\r\n" % (len(part), part)
        connection.sendall(data)
        reply = reader.readline()
        assert reply[:1] in (b":", b"+"), reply
    for index in range(count):
        name = "agent_%d" % index
        source = "async def run():\n    return %d\n" % index
        command("HSET", key, name, json.dumps({"name": name, "description": "Agent skill %d." % index, "source": source, "parameters": []}))
        time.sleep(0.004)
    print(count)
    """#

    @Test func pushesNeverFailOrDropAnAgentsSkills() throws {
        let server = try RedisServer()
        let fixture = try SyncFixture(server: server)
        try fixture.writeSkill("counter", returning: "0")
        try fixture.commit("library")
        _ = try fixture.push("dev")
        guard case .tcp(let host, let port) = server.url.endpoint else { Issue.record("TCP server expected"); return }
        let agentCount = 400
        let agent = Process()
        agent.executableURL = try PythonInterpreter.resolve().executable
        agent.arguments = ["-c", Self.agentScript, host, String(port), fixture.keys("dev").skills, String(agentCount)]
        let output = Pipe()
        agent.standardOutput = output
        try agent.run()

        var pushes = 0
        var retries = 0
        while pushes < 50 || agent.isRunning {
            pushes += 1
            try fixture.writeSkill("counter", returning: String(pushes))
            try fixture.commit("counter \(pushes)")
            let result = try fixture.push("dev")
            #expect(result.writes.map(\.item.path) == ["skills/counter.py"])
            retries += result.attempts - 1
        }
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0)
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "\(agentCount)\n")
        let stored = try fixture.storedSkills("dev")
        #expect((0..<agentCount).allSatisfy { stored["agent_\($0)"] != nil }, "every agent skill is still there")
        #expect(String(decoding: stored["counter"] ?? [], as: UTF8.self).contains("return \(pushes)"))
        #expect(pushes >= 50)
        #expect(retries == 0, "an agent writing other skills never makes a push start over")
    }

    @Test func aTouchedItemChangedMeanwhileWritesNothing() throws {
        let server = try RedisServer()
        let fixture = try SyncFixture(server: server)
        try fixture.commit("library")
        try fixture.agentSavesSkill("shared", returning: "1")
        let library = try fixture.library()
        let storage = try library.connect(fixture.environment("dev"))
        let planned = ObjectID.blobID(for: try #require(try fixture.storedSkills("dev")["shared"]))
        var write = PrefixWrite()
        write.fields = [
            .init(key: storage.keys.skills, field: "shared", expected: planned,
                  value: Array("new".utf8), label: "skills/shared.py"),
            .init(key: storage.keys.skills, field: "fresh", expected: nil, value: Array("new".utf8), label: "skills/fresh.py"),
        ]
        write.recordFields = [("commit", String(repeating: "0", count: 40))]
        // An agent changes the item after the plan read it.
        try fixture.agentSavesSkill("shared", returning: "2")
        let before = try fixture.prefixDump("dev")
        #expect(try write.apply(on: storage.connection, keys: storage.keys) == ["skills/shared.py"])
        #expect(try fixture.prefixDump("dev") == before)
        // Against what is there now, it goes through.
        write.fields[0].expected = ObjectID.blobID(for: try fixture.storedSkills("dev")["shared"]!)
        #expect(try write.apply(on: storage.connection, keys: storage.keys) == nil)
        #expect(try fixture.storedSkills("dev")["fresh"] == Array("new".utf8))
    }

    @Test func aCrashedServerHoldsTheOldOrTheNewStateNeverAMix() throws {
        let server = try RedisServer(unixSocket: true, appendOnly: true)
        let fixture = try SyncFixture(server: server)
        let count = 2_000
        func commitVersion(_ version: Int) throws -> String {
            for index in 0..<count { try fixture.writeSkill("skill_\(index)", returning: "\(version * 10_000 + index)") }
            return try fixture.commit("version \(version)")
        }
        var commits = [try commitVersion(0)]
        // A whole push, timed, sets the range of crash moments: from its start to well past its
        // end, so crashes land before, during and after the atomic write.
        let clock = ContinuousClock()
        let pushTime = try clock.measure { _ = try fixture.push("dev") }
        let window = UInt32(pushTime.components.seconds * 2_000_000 + pushTime.components.attoseconds / 500_000_000_000)
        var generator = SeededGenerator(seed: 42)
        for version in 1...6 {
            commits.append(try commitVersion(version))
            let delay = UInt32.random(in: 0...window, using: &generator)
            // The push runs on its own thread (its own library); this one crashes the server.
            let base = fixture.base
            let pushing = Thread { _ = try? SyncFixture.pushHead(base: base, to: "dev") }
            pushing.start()
            usleep(delay)
            server.crash()
            while !pushing.isFinished { usleep(1_000) }
            try server.restart()
            let stored = try storedVersion(fixture, count: count)
            #expect(stored == version - 1 || stored == version, "crash after \(delay) µs: \(stored.map { "version \($0)" } ?? "a mix of versions")")
            // The record and the items went in one step: it names the version they hold.
            if let stored {
                let record = try #require(SyncRecord(entries: fixture.library().connect(fixture.environment("dev")).hashEntries(fixture.keys("dev").syncRecord)))
                #expect(record.commit.hex == commits[stored], "version \(version)")
            }
            // A rerun completes.
            _ = try fixture.push("dev")
            #expect(try storedVersion(fixture, count: count) == version)
        }
    }

    /// Which version every skill of the prefix holds, or nil when they disagree.
    private func storedVersion(_ fixture: SyncFixture, count: Int) throws -> Int? {
        let stored = try fixture.storedSkills("dev")
        let versions = Set((0..<count).map { index -> Int in
            let text = String(decoding: stored["skill_\(index)"] ?? [], as: UTF8.self)
            let number = text.range(of: #"return (\d+)\\n"#, options: .regularExpression).flatMap { Int(text[$0].dropFirst(7).dropLast(2)) }
            return number.map { ($0 - index) / 10_000 } ?? -1
        })
        return versions.count == 1 && versions.first! >= 0 ? versions.first : nil
    }
}
