import CodeModeCore
import Foundation
import Testing
import TestSupport

@Suite("codemode artifact")
struct ArtifactCommandTests {
    /// Two `codemode` processes saving into one library at the same time lose no entry.
    @Test func twoProcessesSavingAtOnceLoseNothing() throws {
        let folder = try TemporaryDirectory("artifact-race")
        try folder.write("codemode.yaml", "")
        let script = """
            for i in $(seq 1 40); do
              echo "$1-$i" | "$0" artifact save "$1/$i.txt" || exit 1
            done
            """
        let workers = ["alpha", "beta"].map { worker in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script, ProcessRunner.codemodeExecutable.path, worker]
            process.currentDirectoryURL = folder.url
            process.standardOutput = FileHandle.nullDevice
            return process
        }
        for process in workers { try process.run() }
        for process in workers { process.waitUntilExit() }
        #expect(workers.map(\.terminationStatus) == [0, 0])

        let listed = try ProcessRunner.codemode(["artifact", "list", "--json"], in: folder.url)
        let names = try JSONParser.parse(listed.stdout).arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.count == 80)
        #expect(Set(names) == Set(["alpha", "beta"].flatMap { w in (1...40).map { "\(w)/\($0).txt" } }))
    }

    @Test func saveAndLoadBytesThroughTheCLI() throws {
        let folder = try TemporaryDirectory("artifact-cli")
        try folder.write("codemode.yaml", "")
        try folder.write("payload.bin", bytes: [0, 0xFF, 0, 0x41])
        let saved = try ProcessRunner.codemode(["artifact", "save", "raw.bin", "--file", "payload.bin"], in: folder.url)
        #expect(saved.stdout == "saved artifact 'raw.bin' (bytes)\n")
        let escaped = try ProcessRunner.codemode(["artifact", "save", "../x", "--file", "payload.bin"], in: folder.url)
        #expect(escaped.status == 1)
        #expect(escaped.stderr.contains("'..' would leave the artifacts folder"))
        #expect(!folder.exists("x"))
    }
}
