import CodeModeCore
import Testing

/// `sandbox:` as codemode.yaml gives it (parsed here from JSON, as the YAML loader hands it on).
@Suite("sandbox settings")
struct SandboxSettingsTests {
    func parse(_ json: String, over base: SandboxSettings = SandboxSettings()) throws -> SandboxSettings {
        try SandboxSettings.parse(JSONParser.parse(json), over: base)
    }

    @Test func aModeAloneSetsTheModeAndAMappingMeansAuto() throws {
        #expect(try parse(#""required""#) == SandboxSettings(mode: .required))
        let limits = try parse(#"{"memory": "512MiB", "cpu": "2m", "processes": 10, "disk": "1G", "network": true, "env": ["LANG", "MY_VAR"]}"#)
        #expect(limits.mode == .auto && limits.network && limits.memory == 512 << 20 && limits.cpu == 120)
        #expect(limits.processes == 10 && limits.disk == 1 << 30 && limits.environment == ["LANG", "MY_VAR"])
        #expect(try parse(#"{"memory": 4096, "cpu": 30}"#).memory == 4096)
    }

    @Test func anEnvironmentsSettingsGoOverTheTopLevel() throws {
        let top = try parse(#"{"mode": "required", "memory": "2GiB"}"#)
        let prod = try parse(#"{"cpu": "10s"}"#, over: top)
        #expect(prod.mode == .required && prod.memory == 2 << 30 && prod.cpu == 10)
        #expect(try parse(#""off""#, over: top).memory == 2 << 30)
    }

    @Test(arguments: [
        (#""sometimes""#, "'sandbox' takes required, auto, off, or a mapping of mode, network, memory, cpu, processes, disk, env"),
        (#"{"memory": "lots"}"#, "sandbox 'memory' takes a size such as 1GiB or 256MiB, not 'lots'"),
        (#"{"memory": -1}"#, "sandbox 'memory' takes a size such as 1GiB or 256MiB"),
        (#"{"cpu": "1h"}"#, "sandbox 'cpu' takes CPU seconds per cell, such as 120s or 5m, not '1h'"),
        (#"{"processes": 0}"#, "sandbox 'processes' takes a positive count"),
        (#"{"env": ["LANG", "NOT-A-NAME"]}"#, "sandbox 'env' must be a list of environment variable names, as in [LANG, TZ]"),
        (#"{"network": "no"}"#, "sandbox 'network' takes true or false"),
        (#"{"gpu": true}"#, "unknown sandbox setting 'gpu'; a sandbox has mode, network, memory, cpu, processes, disk, env"),
    ])
    func badSettingsNameWhatTheyTake(json: String, message: String) {
        #expect(throws: PolicyError(message)) { try parse(json) }
    }

    @Test func sizesAreNamedAsPeopleWriteThem() {
        #expect(SandboxSettings.describe(bytes: 1 << 30) == "1 GiB")
        #expect(SandboxSettings.describe(bytes: 256 << 20) == "256 MiB")
        #expect(SandboxSettings.describe(bytes: 1000) == "1000 bytes")
    }
}
