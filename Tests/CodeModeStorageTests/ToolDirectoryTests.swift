import CodeModeCore
import CodeModeStorage
import Foundation
import Testing

@Suite("Loading a tools/ directory")
struct ToolDirectoryTests {
    /// A temporary `tools/` directory, removed when the test ends.
    private final class ToolsFolder {
        let root: URL
        var url: URL { root.appendingPathComponent("tools") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-tools-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("tools"), withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    private static func cli(_ name: String) -> String {
        "name: \(name)\ndescription: The \(name) tool\nrecipes:\n  run: {description: Run it}\n"
    }

    @Test("good files load in name order; each bad file is reported and skipped")
    func mixed() throws {
        let folder = try ToolsFolder()
        try folder.write("b_curl.yaml", Self.cli("curl"))
        try folder.write("a_jq.yaml", Self.cli("jq"))
        try folder.write("c_again.yaml", Self.cli("curl"))
        try folder.write("d_broken.yaml", "name: broken\nrecipes:\n  get: [1, 2\n  x: 1\n")
        try folder.write("e_empty.yaml", "# nothing yet\n")
        try folder.write("f_old.yaml", "name: old\ncommand: old\nargs: '{x}'\n")
        try folder.write("g_web.yml", Self.cli("web"))
        try folder.write("README.md", "not a tool")
        try folder.write(".hidden.yaml", Self.cli("hidden"))
        try folder.write("Z_mcp.yaml", "name: my-mcp-server\ntype: mcp\ncommand: uvx\nargs: [mcp-server-fetch]\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("h_dir.yaml"), withIntermediateDirectories: false)

        let (tools, problems) = ToolDirectory.load(folder.url)
        #expect(tools.map(\.name) == ["hidden", "my-mcp-server", "jq", "curl"])
        #expect(problems.map(\.path) == [
            "tools/c_again.yaml", "tools/d_broken.yaml", "tools/e_empty.yaml",
            "tools/f_old.yaml", "tools/g_web.yml", "tools/h_dir.yaml",
        ])
        #expect(problems[0].message == "tool 'curl' is already defined in tools/b_curl.yaml; rename one of them")
        #expect(problems[1].line == 4)
        #expect(problems[1].message.hasPrefix("invalid YAML: column "))
        #expect(problems[1].description.hasPrefix("tools/d_broken.yaml:4: invalid YAML"))
        #expect(problems[2].message.contains("the file is empty"))
        #expect(problems[3].message.hasPrefix("tool 'old' has no recipes"))
        #expect(problems[3].line == nil)
        #expect(problems[4].message.contains("rename it to 'g_web.yaml'"))
        #expect(problems[5].message == "is a directory, not a tool file")
    }

    @Test("raw keeps the whole mapping as loaded")
    func raw() throws {
        let folder = try ToolsFolder()
        let text = "name: jq\nextra: {kept: yes}\ncommand: jq\nrecipes:\n  q: {}\n"
        try folder.write("jq.yaml", text)
        let (tools, problems) = ToolDirectory.load(folder.url)
        #expect(problems.isEmpty)
        #expect(tools.first?.raw == (try YAMLDocument.load(text)))
        #expect(tools.first?.raw.objectValue?.map(\.key) == ["name", "extra", "command", "recipes"])
    }

    @Test("a file that is not UTF-8 is reported")
    func notUTF8() throws {
        let folder = try ToolsFolder()
        try Data([0x6E, 0x61, 0xFF, 0xFE, 0x0A]).write(to: folder.url.appendingPathComponent("bin.yaml"))
        let (tools, problems) = ToolDirectory.load(folder.url)
        #expect(tools.isEmpty)
        #expect(problems == [ToolProblem(path: "tools/bin.yaml", line: nil, message: "not UTF-8 text; save it as UTF-8")])
    }

    @Test("a missing directory has no tools and no problems")
    func missing() throws {
        let folder = try ToolsFolder()
        let (tools, problems) = ToolDirectory.load(folder.root.appendingPathComponent("nope"))
        #expect(tools.isEmpty && problems.isEmpty)
    }
}
