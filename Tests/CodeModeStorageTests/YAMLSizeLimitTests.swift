import CodeModeCore
import CodeModeStorage
import Foundation
import Testing
import TestSupport

@Suite("YAML size and alias limits")
struct YAMLSizeLimitTests {
    @Test("an alias bomb is refused at the alias that crosses the limit, as a value or as a key",
          arguments: [false, true])
    func aliasBomb(asKey: Bool) {
        let started = Date()
        let error = #expect(throws: YAMLDocumentError.self) {
            try YAMLDocument.load(HostileInput.aliasBomb(header: "name: bomb", asKey: asKey))
        }
        #expect(error?.message.contains("aliases repeat more than 10000 values") == true, "\(String(describing: error))")
        #expect(error?.line == 6)   // l4 = [*l3, ...]: 9 × 729 repeated by its second alias
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("anchors used as PyYAML users do still load")
    func ordinaryAliases() throws {
        let text = "defaults: &d {timeout: 30, retries: 2}\none: {<<: *d, name: a}\ntwo: *d\nlist: [*d, *d]\n"
        let value = try YAMLDocument.load(text)
        #expect(value["two"] == value["defaults"])
        #expect(value["one"]?["timeout"] == .integer(30))
        // A small bomb stays under the limit: its aliases repeat 8,289 values.
        let small = try YAMLDocument.load(HostileInput.aliasBomb(levels: 4))
        #expect(small["l3"]?.arrayValue?.count == 9)
    }

    @Test("a text over 1 MiB is refused without being parsed")
    func hugeText() {
        let text = "a: \"" + String(repeating: "x", count: 1 << 20) + "\"\n"
        let error = #expect(throws: YAMLDocumentError.self) { try YAMLDocument.load(text) }
        #expect(error?.message.contains("limited to 1048576 bytes (1 MiB)") == true)
    }
}
