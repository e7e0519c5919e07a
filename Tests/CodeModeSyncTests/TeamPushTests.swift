import CodeModeCore
import CodeModeGit
@testable import CodeModeSync
import Foundation
import Synchronization
import Testing
import TestSupport

/// Two teammates' clones pushing different commits to one environment, one after the other
/// and at the same time: no push that reports success ever reverts what the other deployed.
@Suite("two clones pushing to one environment")
final class TeamPushTests {
    static let skillCount = 1_000
    static let rounds = 20

    @Test func noSuccessfulPushEverRevertsTheOthersDeployment() throws {
        let server = try RedisServer()
        let origin = try SyncFixture(server: server)
        for index in 0..<Self.skillCount {
            try origin.write("skills/skill_\(index).py", SkillSourceSamples.realistic(index: index, bodyLines: 8))
        }
        try origin.commit("library")
        _ = try origin.push("dev")
        let clones = [try origin.clone(as: Signature(name: "First", email: "first@example.com")),
                      try origin.clone(as: Signature(name: "Second", email: "second@example.com"))]
        // Marker → skill: every edit either clone has deployed so far.
        var deployed: [String: String] = [:]
        var refusals = 0
        for round in 0..<Self.rounds {
            // Each clone edits a skill of its own, then both push: one after the other on even
            // rounds, at the same time on odd ones.
            var markers: [String] = []
            for (number, clone) in clones.enumerated() {
                let skill = "skill_\((round * 2 + number) % Self.skillCount)"
                let marker = "edit_\(round)_\(number)"
                try clone.write("skills/\(skill).py", SyncFixture.skillSource(returning: "\"\(marker)\"", description: "Edited in round \(round)."))
                try clone.commit(marker)
                markers.append(marker)
            }
            let outcomes = round % 2 == 0
                ? try clones.map { try Self.push(base: $0.base) }
                : try Self.pushAtOnce(clones.map(\.base))
            var succeeded: [Int] = []
            for (number, outcome) in outcomes.enumerated() {
                switch outcome {
                case .pushed(let commit):
                    succeeded.append(number)
                    deployed[markers[number]] = "skill_\((round * 2 + number) % Self.skillCount)"
                    #expect(commit == (try clones[number].git.git("rev-parse", "HEAD")))
                case .behind(let behind):
                    refusals += 1
                    // The refusal names what the other clone deployed in this round.
                    let winner = try clones[1 - number].git.git("rev-parse", "HEAD")
                    #expect(behind.deployed.hex == winner, "round \(round): the refusal names the deployed commit")
                    #expect(behind.reason == .missing)
                }
            }
            #expect(succeeded.count == 1, "round \(round): exactly one of two pushes from the same base lands; \(outcomes)")
            try expectDeployed(deployed, in: origin, round: round)
            // The refused clone merges what dev holds and pushes again.
            for number in 0..<2 where !succeeded.contains(number) {
                _ = try clones[number].pull("dev")
                guard case .pushed = try Self.push(base: clones[number].base) else { Issue.record("round \(round): the push after pull was refused"); continue }
                deployed[markers[number]] = "skill_\((round * 2 + number) % Self.skillCount)"
            }
            try expectDeployed(deployed, in: origin, round: round)
            // Both clones catch up for the next round through the prefix, as teammates would.
            for clone in clones { _ = try clone.pull("dev") }
        }
        #expect(refusals == Self.rounds)
    }

    enum Outcome: Sendable, CustomStringConvertible {
        case pushed(String)
        case behind(NonFastForward)

        var description: String {
            switch self {
            case .pushed(let commit): "pushed \(commit.prefix(12))"
            case .behind(let behind): "refused: \(behind)"
            }
        }
    }

    /// A push of HEAD by a library opened on this thread.
    static func push(base: URL) throws -> Outcome {
        do {
            return .pushed(try SyncFixture.pushHead(base: base, to: "dev").commit.hex)
        } catch let error as SyncError {
            guard case .nonFastForward(let behind) = error.refusal else { throw error }
            return .behind(behind)
        }
    }

    /// Pushes from each library folder on a thread of its own, started together.
    static func pushAtOnce(_ bases: [URL]) throws -> [Outcome] {
        let outcomes = Mutex<[Int: Result<Outcome, any Error>]>([:])
        let group = DispatchGroup()
        for (number, base) in bases.enumerated() {
            DispatchQueue.global().async(group: group) {
                let outcome = Result { try push(base: base) }
                outcomes.withLock { $0[number] = outcome }
            }
        }
        group.wait()
        return try outcomes.withLock { results in try bases.indices.map { try results[$0]!.get() } }
    }

    /// Every edit deployed so far is in the prefix.
    private func expectDeployed(_ deployed: [String: String], in fixture: SyncFixture, round: Int) throws {
        let stored = try fixture.storedSkills("dev")
        let skillsByMarker = Dictionary(grouping: deployed, by: \.value)
        for (skill, markers) in skillsByMarker {
            let value = String(decoding: stored[skill] ?? [], as: UTF8.self)
            // A skill edited twice holds the later edit; the earlier one is not a revert.
            let latest = markers.map(\.key).max { Self.order($0) < Self.order($1) }!
            #expect(value.contains(latest), "round \(round): \(skill) lost \(latest)")
        }
    }

    private static func order(_ marker: String) -> Int {
        let parts = marker.split(separator: "_")
        return Int(parts[1])! * 2 + Int(parts[2])!
    }
}
