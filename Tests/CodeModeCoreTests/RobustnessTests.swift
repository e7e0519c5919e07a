import CodeModeCore
import Testing
import TestSupport

/// The reader must never crash or hang, whatever it is given; the writer must keep its promise
/// on every source the reader accepts.
@Suite("Robustness", .timeLimit(.minutes(1)))
struct RobustnessTests {
    /// Fragments that drive the tokenizer into its corners, mixed with arbitrary bytes.
    static let fragments: [[UInt8]] = [
        "async def run(", "def run(", "class C:", "\n", "\r\n", "\r", "    ", "\t", "\\", "\\\n", "'", "\"", "'''", "\"\"\"",
        "f'", "rb\"", "f\"{", "}", "{", "(", ")", "[", "]", ":", ",", "=", "*", "**", "/", "->", "#", "lambda", "x",
        "1e", "0x", ".5", "-", "@deco\n", ";", "\u{FEFF}", "é", "\u{0}", "\u{0C}", "!r", "{{", "\\N{", "j",
    ].map { Array($0.utf8) }

    @Test func randomInputsNeverCrash() {
        var random = SeededGenerator(seed: 20_240_601)
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<60, using: &random) {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    bytes += Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &random)]
                }
            }
            checkReaderAndWriter(bytes)
        }
    }

    @Test func everyTruncationOfTheTableNeverCrashes() {
        for row in skillSourceTable {
            let bytes = Array(row.source.utf8)
            for end in 0...bytes.count {
                checkReaderAndWriter(Array(bytes[..<end]))
            }
        }
    }

    @Test func deepNestingIsBounded() {
        let deepBrackets = String(repeating: "[", count: 50_000)
        #expect(throws: SkillSourceError.self) { try SkillSourceReader.read("async def run(x=\(deepBrackets)") }
        let deepDefault = "async def run(x=" + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "): pass\n"
        #expect((try? SkillSourceReader.read(deepDefault))?.parameters.first?.defaultValue == .null)
        let deepFString = "x = " + String(repeating: "f'{", count: 5_000) + "\nasync def run(): pass\n"
        #expect(throws: SkillSourceError.self) { try SkillSourceReader.read(deepFString) }
    }

    /// Reads `bytes` (any error is fine, a crash is not); when the reader accepts them, writing a
    /// description must give a source the reader accepts too, with that description.
    private func checkReaderAndWriter(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        _ = try? SkillSourceReader.read(utf8: bytes)
        guard (try? SkillSourceReader.read(source)) != nil else {
            _ = try? ModuleDocstringWriter.setting(description: "Written.", in: source)
            return
        }
        do {
            let written = try ModuleDocstringWriter.setting(description: "Written.", in: source)
            #expect(try SkillSourceReader.read(written).derivedDescription == "Written.", "\(source.debugDescription)")
        } catch {
            Issue.record("\(error) for \(source.debugDescription)")
        }
    }
}
