import CodeModeCore
import CodeModeStorage
import Testing
import TestSupport

@Suite("FileStorage: requirements.txt")
struct FileStorageDependencyTests {
    @Test func addReplaceAndRemoveKeepComments() throws {
        let folder = try TemporaryDirectory("deps")
        try folder.write("requirements.txt", "# pinned for the agents\nrequests>=2.0\nnumpy\n")
        let storage = FileStorage(base: folder.url)
        #expect(try storage.addDependency(DependencySpec(validating: "Requests[socks]>=2.31")))
        #expect(try storage.addDependency(DependencySpec(validating: "PyYAML")))
        #expect(try storage.addDependency(DependencySpec(validating: "pyyaml")) == false)
        #expect(try folder.read("requirements.txt") == "# pinned for the agents\nrequests[socks]>=2.31\nnumpy\npyyaml\n")
        #expect(try storage.removeDependency(named: "NUMPY"))
        #expect(try storage.removeDependency(named: "numpy") == false)
        #expect(try storage.listDependencies().specs.map(\.text) == ["requests[socks]>=2.31", "pyyaml"])
    }

    @Test func invalidLinesAreReportedWithTheirLineNumber() throws {
        let folder = try TemporaryDirectory("deps-bad")
        try folder.write("requirements.txt", "requests\n\n# comment\npandas>= 2.0\nnumpy\nrequests; python_version>'3'\n")
        let report = try LibraryValidator.validate(library: FileStorage(base: folder.url))
        #expect(report.requirementFilesChecked == 1)
        #expect(report.problems.map(\.line) == [4, 6])
        #expect(report.problems.allSatisfy { $0.path == "requirements.txt" })
        #expect(report.problems.first?.message.contains("pandas>=2.0") == true)
    }
}
