import CodeModePythonSyntax
import Testing
import TestSupport

/// Hostile inputs must end in a verdict, never a crash, a hang or a stack overflow; anything
/// judged `.compiles` is still checked against CPython.
@Test func randomBytesNeverCrashAndAreNeverFalselyAccepted() throws {
    var generator = SeededGenerator(seed: 42)
    let alphabet = Array("abcxyz_019 \n\n\t()[]{}:;,.=+-*/%'\"\\#@!<>&|^~fbrujeE".utf8)
    var accepted: [String] = []
    for _ in 0..<3_000 {
        let length = Int.random(in: 0...200, using: &generator)
        let bytes: [UInt8] = (0..<length).map { _ in
            Int.random(in: 0..<10, using: &generator) == 0
                ? UInt8.random(in: 0...255, using: &generator)
                : alphabet.randomElement(using: &generator)!
        }
        if bytes.withUnsafeBufferPointer({ PythonSyntaxPrecheck.check($0) }) == .compiles {
            accepted.append(String(decoding: bytes, as: UTF8.self))
        }
    }
    for (source, compiles) in zip(accepted, try PythonOracle.compiles(accepted)) {
        #expect(compiles, "false .compiles: \(source.debugDescription)")
    }
}

/// Degenerate inputs by name (the names keep test output short).
let degenerateInputs: [String: String] = [
    "100k open parens": String(repeating: "(", count: 100_000),
    "50k nested brackets": String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000),
    "100k unary minus": "x = " + String(repeating: "-", count: 100_000) + "1\n",
    "50k not": "x = " + String(repeating: "not ", count: 50_000) + "a\n",
    "50k lambda": "x = " + String(repeating: "lambda: ", count: 50_000) + "0\n",
    "50k attributes": "x = a" + String(repeating: ".b", count: 50_000) + "\n",
    "50k calls": "x = a" + String(repeating: "()", count: 50_000) + "\n",
    "50k conditionals": "x = " + String(repeating: "a if b else ", count: 50_000) + "c\n",
    "50k powers": "x = " + String(repeating: "1 ** ", count: 50_000) + "1\n",
    "50k additions": "x = " + String(repeating: "1 + ", count: 50_000) + "1\n",
    "50k awaits": "async def f():\n    x = " + String(repeating: "await (", count: 50_000) + "1\n",
    "2k nested f-strings": "x = " + String(repeating: "f'{", count: 2_000) + "1" + String(repeating: "}'", count: 2_000) + "\n",
    "2k nested blocks": (0..<2_000).map { String(repeating: " ", count: $0) + "if x:\n" }.joined(),
    "10k elifs": "if a:\n    pass\n" + String(repeating: "elif b:\n    pass\n", count: 10_000),
    "10k quotes": String(repeating: "'", count: 10_001),
    "1k continuations": String(repeating: "\\\n", count: 1_000),
]

@Test(arguments: degenerateInputs.keys.sorted())
func deepOrDegenerateInputsAreLeftToPython(name: String) {
    #expect(PythonSyntaxPrecheck.check(degenerateInputs[name] ?? "") != .compiles, "\(name)")
}
