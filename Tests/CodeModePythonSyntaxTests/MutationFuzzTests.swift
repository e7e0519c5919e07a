import Foundation
import CodeModePythonSyntax
import TestSupport
import Testing

/// Differential fuzzing against CPython: every mutant the pre-check judges `.compiles` must
/// compile in every available interpreter. `CODEMODE_SYNTAX_FUZZ_MUTANTS` and `CODEMODE_SYNTAX_FUZZ_SEED`
/// override the committed size and seed.
@Test func mutantsJudgedCompilesReallyCompile() throws {
    let environment = ProcessInfo.processInfo.environment
    let mutantCount = environment["CODEMODE_SYNTAX_FUZZ_MUTANTS"].flatMap { Int($0) } ?? 3_000
    let seed = environment["CODEMODE_SYNTAX_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2024
    var mutator = SourceMutator(generator: SeededGenerator(seed: seed))
    let seeds = (RealisticSkills.all + validSnippets).map { Array($0.utf8) }

    var accepted: [String] = []
    var refused: [String] = []
    var refusalReasons: [String: Int] = [:]
    for index in 0..<mutantCount {
        let mutant = String(decoding: mutator.mutate(seeds[index % seeds.count]), as: UTF8.self)
        switch PythonSyntaxPrecheck.check(mutant) {
        case .compiles:
            accepted.append(mutant)
        case .needsPython(let reason):
            refused.append(mutant)
            let kind = reason.split(separator: " line ").first.map(String.init) ?? reason
            refusalReasons[kind, default: 0] += 1
        }
    }

    let acceptedByPython = try PythonOracle.compiles(accepted)
    var falseCompiles = 0
    for (mutant, compiles) in zip(accepted, acceptedByPython) where !compiles {
        falseCompiles += 1
        Issue.record("false .compiles (seed \(seed)):\n\(mutant)")
    }
    let refusedButValid = try PythonOracle.compiles(refused, onlyPathPython: true).filter { $0 }.count
    print("""
        fuzz: seed \(seed), \(mutantCount) mutants, \(accepted.count) judged compiles, \
        \(falseCompiles) false compiles, \(refused.count) needsPython of which \(refusedButValid) \
        compile in python3; interpreters: \(PythonOracle.interpreters.count)
        """)
    if environment["CODEMODE_SYNTAX_FUZZ_REASONS"] != nil {
        for (reason, count) in refusalReasons.sorted(by: { $0.value > $1.value }) {
            print("  \(count)x \(reason)")
        }
    }
    #expect(falseCompiles == 0)
    #expect(accepted.count > mutantCount / 10, "too few mutants judged compiles for the test to mean much")
}

@Test func realisticSkillsAreMostlyJudgedCompiles() throws {
    let skills = RealisticSkills.all
    #expect(skills.count >= 20)
    #expect(try PythonOracle.compiles(skills).allSatisfy { $0 }, "a realistic skill does not compile")
    var accepted = 0
    for skill in skills {
        let verdict = PythonSyntaxPrecheck.check(skill)
        if verdict == .compiles {
            accepted += 1
        } else {
            print("realistic skill left to Python: \(verdict)")
        }
    }
    let fraction = Double(accepted) / Double(skills.count)
    print("realistic skills judged compiles: \(accepted)/\(skills.count)")
    #expect(fraction >= 0.95)
}
