import CodeModeCore
import CodeModeGates
import CodeModeGit
import CodeModeSync
import Foundation
import Testing
import TestSupport

/// The soak gate reads an injected clock: refused while the commit is young in the stage
/// before, passed once it has soaked, without sleeping.
@Suite("the soak gate")
struct SoakGateTests {
    @Test func refusesUntilTheCommitHasSoakedThenPasses() async throws {
        let server = try RedisServer()
        let fixture = try GitFixture()
        let dev = server.uniquePrefix("dev")
        let prod = server.uniquePrefix("prod")
        try fixture.write("codemode.yaml", """
            environments:
              dev: { url: "\(server.url)", prefix: \(dev) }
              prod: { url: "\(server.url)", prefix: \(prod), gates: {soak: 2h} }
            promotion: [dev, prod]

            """)
        try fixture.write("skills/double.py", "\"\"\"Doubles.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n")
        try fixture.commitAll("library")
        let library = try SyncLibrary.open(base: fixture.workTree, variables: [:])
        let head = try #require(try library.repository.headCommit)
        _ = try library.push(library.config.environment(named: "dev"), PushRequest(kind: .push, commit: head))
        let prodEnvironment = try library.config.environment(named: "prod")

        var evaluator = GateEvaluator()
        let young = try await evaluator.evaluate(prodEnvironment, candidate: head, library: library, skips: [:], who: "tester")
        #expect(young.map(\.outcome) == [.failed] && young.first?.detail.contains("left of 2h 0m") == true, "\(young)")

        let later = Date().addingTimeInterval(3 * 3_600)
        evaluator.now = { later }
        let soaked = try await evaluator.evaluate(prodEnvironment, candidate: head, library: library, skips: [:], who: "tester")
        #expect(soaked == [GateResult(gate: "soak", outcome: .passed, detail: "deployed in dev 3h 0m ago")])

        // Another commit than the one dev runs has not soaked at all.
        try fixture.write("skills/triple.py", "\"\"\"Triples.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 3\n")
        let other = try library.commit(try fixture.commitAll("later"))
        let notThere = try await evaluator.evaluate(prodEnvironment, candidate: other, library: library, skips: [:], who: "tester")
        #expect(notThere.first?.outcome == .failed && notThere.first?.detail.contains("dev runs \(head.hex.prefix(12))") == true)
    }
}
