import CodeModeCore
import Foundation
import Testing
import TestSupport

/// Input that once crashed or hung a command, or got a raw message: each now ends in one line.
@Suite("codemode on hostile input")
struct HostileInputCommandTests {
    @Test func anAliasBombInCodemodeYamlIsOneLineAndExit1() throws {
        let repository = try GitFixture()
        try repository.write("codemode.yaml", HostileInput.aliasBomb(header: "environments: {}"))
        let list = try repository.codemode("env", "list")
        #expect(list.status == 1)
        #expect(list.stderr == "codemode: codemode.yaml:6: invalid YAML: aliases repeat more than 10000 values (an alias bomb?); write the repeated parts out\n")
    }
}
