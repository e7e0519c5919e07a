import CodeModeCore
@testable import CodeModeGates
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

/// `codemode test`'s runner on real python3 kernels and a real library folder.
@Suite("skill tests in sessions")
struct TestRunnerTests {
    let library: TemporaryDirectory
    let scratch: TemporaryDirectory

    init() throws {
        library = try TemporaryDirectory("tested-library")
        scratch = try TemporaryDirectory("test-artifacts")
        try library.write("skills/double.py", "\"\"\"Doubles.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return x * 2\n")
        try library.write("skills/quadruple.py", "\"\"\"Four times.\"\"\"\n\n\nasync def run(x: int) -> int:\n    return skills.double(x=skills.double(x=x))\n")
        try library.write("skills/broken.py", "\"\"\"Raises.\"\"\"\n\n\nasync def run():\n    value = 1\n    raise ValueError('bad input')\n")
        try library.write("skills/unused.py", "\"\"\"Nobody calls it.\"\"\"\n\n\nasync def run():\n    return 0\n")
    }

    func run(_ files: [String: String], keyword: String = "", timeout: Double = 20, jobs: Int = 2) async throws -> TestReport {
        for (path, source) in files { try library.write(path, source) }
        var runner = TestRunner()
        runner.keyword = keyword
        runner.timeout = timeout
        runner.jobs = jobs
        let base = library.url
        let artifacts = scratch.url
        return try await runner.run(try TestDiscovery.files(inFolder: base)) {
            ReadOnlyLibrary(FileStorage(base: base), artifactsIn: artifacts, reason: "read-only in tests")
        }
    }

    func outcome(_ report: TestReport, _ name: String) -> TestCaseResult? { report.results.first { $0.name == name } }

    @Test func outcomesTracebacksAndCoverage() async throws {
        let report = try await run([
            "tests/test_double.py": """
                import asyncio


                def test_doubles():
                    assert skills.double(x=2) == 4


                def test_wrong():
                    assert skills.double(x=2) == 5


                async def test_async_and_nested():
                    await asyncio.sleep(0)
                    assert skills.quadruple(x=1) == 4


                def test_skipped():
                    skip("later")


                def helper():
                    raise RuntimeError("not a test")

                """,
            "tests/test_broken.py": "def test_raises():\n    skills.broken()\n",
        ])
        #expect(report.summary == "2 passed, 2 failed, 1 skipped")
        #expect(report.results.map(\.name) == ["test_raises", "test_doubles", "test_wrong", "test_async_and_nested", "test_skipped"])
        let wrong = try #require(outcome(report, "test_wrong"))
        #expect(wrong.message == "AssertionError: assert skills.double(x=2) == 5")
        #expect(wrong.traceback.contains("File \"tests/test_double.py\", line 9, in test_wrong"))
        let raised = try #require(outcome(report, "test_raises"))
        #expect(raised.message == "ValueError: bad input")
        #expect(raised.traceback.contains("File \"tests/test_broken.py\", line 2") && raised.traceback.contains("File \"skills/broken.py\", line 6, in run"))
        #expect(!raised.traceback.contains("<string>") && !raised.traceback.contains("asyncio"), "only the test's and the skills' frames")
        #expect(outcome(report, "test_skipped")?.message == "later")
        // Skills called by skills count too; a skill no test invokes does not.
        #expect(outcome(report, "test_async_and_nested")?.invoked == ["double", "quadruple"])
        #expect(report.invokedSkills == ["broken", "double", "quadruple"])
    }

    @Test func aHangFailsAtTheTimeoutAndTheFileGoesOn() async throws {
        let report = try await run(["tests/test_slow.py": """
            import time


            def test_hangs():
                time.sleep(60)


            def test_then():
                assert skills.double(x=1) == 2

            """], timeout: 1)
        #expect(outcome(report, "test_hangs")?.outcome == .failed)
        #expect(outcome(report, "test_hangs")?.message.contains("timed out after 1s") == true)
        #expect(outcome(report, "test_then")?.outcome == .passed)
    }

    @Test func aCrashedKernelFailsItsTestOnly() async throws {
        let report = try await run([
            "tests/test_crash.py": "import os\n\n\ndef test_dies():\n    os._exit(3)\n\n\ndef test_after():\n    assert True\n",
            "tests/test_fine.py": "def test_fine():\n    assert skills.double(x=3) == 6\n",
        ])
        #expect(outcome(report, "test_dies")?.outcome == .failed && outcome(report, "test_dies")?.message.contains("kernel died") == true)
        #expect(outcome(report, "test_after")?.outcome == .passed && outcome(report, "test_fine")?.outcome == .passed)
    }

    @Test func aFileThatCannotLoadFailsAsOneResult() async throws {
        let report = try await run(["tests/test_syntax.py": "def test_bad(:\n    pass\n", "tests/test_import.py": "import no_such_module\n"])
        #expect(report.results.map(\.name) == [TestCaseResult.loadName, TestCaseResult.loadName])
        #expect(report.results.map(\.message).sorted() == ["ModuleNotFoundError: No module named 'no_such_module'", "SyntaxError: invalid syntax"])
    }

    @Test func testsAreReadOnlyAndTheirArtifactsStayApart() async throws {
        let report = try await run(["tests/test_writes.py": """
            def test_create():
                skills.create("made", "async def run():\\n    return 1\\n")


            def test_artifacts():
                artifacts.save("note", "text")
                assert artifacts.load("note") == "text"

            """])
        #expect(outcome(report, "test_create")?.message.contains("cannot be saved: read-only in tests") == true)
        #expect(outcome(report, "test_artifacts")?.outcome == .passed)
        #expect(!FileManager.default.fileExists(atPath: library.url.appendingPathComponent("skills/made.py").path))
        #expect(!FileManager.default.fileExists(atPath: library.url.appendingPathComponent("artifacts").path))
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("artifacts/note").path))
    }

    @Test func eachFileHasAFreshNamespaceAndKeywordSelects() async throws {
        let report = try await run([
            "tests/test_a.py": "leak = 1\n\n\ndef test_sets():\n    global leak\n    leak = 2\n",
            "tests/test_b.py": "def test_sees_nothing():\n    assert 'leak' not in globals()\n\n\ndef test_other():\n    pass\n",
        ], keyword: "se", jobs: 1)
        #expect(report.results.map(\.name) == ["test_sets", "test_sees_nothing"])
        #expect(report.failed == 0)
    }

    @Test func subfoldersHoldTestsAndAFolderSelectsThem() throws {
        for path in ["tests/test_top.py", "tests/smoke/test_prices.py", "tests/smoke/deep/test_more.py",
                     "tests/smoke/helpers.py", "tests/.hidden/test_no.py", "tests/__pycache__/test_no.py"] {
            try library.write(path, "def test_it():\n    pass\n")
        }
        let files = try TestDiscovery.files(inFolder: library.url)
        #expect(files.map(\.path) == ["tests/smoke/deep/test_more.py", "tests/smoke/test_prices.py", "tests/test_top.py"])
        let folder = ["tests/smoke/deep/test_more.py", "tests/smoke/test_prices.py"]
        #expect(try TestDiscovery.select(files, ["tests/smoke"], libraryFolder: library.url).map(\.path) == folder)
        #expect(try TestDiscovery.select(files, ["smoke/"], libraryFolder: library.url).map(\.path) == folder)
        #expect(try TestDiscovery.select(files, [library.url.appendingPathComponent("tests/smoke").path], libraryFolder: library.url).map(\.path) == folder)
        #expect(try TestDiscovery.select(files, ["top"], libraryFolder: library.url).map(\.path) == ["tests/test_top.py"])
        #expect(throws: TestSelectionError.self) { try TestDiscovery.select(files, ["smok"], libraryFolder: library.url) }
    }

    @Test func junitXMLIsReadBackByPython() async throws {
        let report = try await run(["tests/test_mixed.py": "def test_ok():\n    pass\n\n\ndef test_no():\n    print('<&>')\n    assert 1 == 2, 'one \"is\" not <two>'\n\n\ndef test_skip():\n    skip('why')\n"])
        let script = #"""
        import sys, xml.etree.ElementTree as ElementTree
        root = ElementTree.fromstring(sys.stdin.read())
        suite = root.find("testsuite")
        print(root.get("tests"), root.get("failures"), root.get("skipped"), suite.get("name"))
        for case in suite.findall("testcase"):
            failure = case.find("failure")
            print(case.get("classname"), case.get("name"), failure.get("message") if failure is not None else "-",
                  case.find("system-out").text.strip() if case.find("system-out") is not None else "-",
                  "skipped" if case.find("skipped") is not None else "-")
        """#
        let parsed = String(decoding: try PythonScript.run(script, input: Array(JUnitReport.xml(report).utf8)), as: UTF8.self)
        #expect(parsed == """
            3 1 1 tests/test_mixed.py
            tests.test_mixed test_ok - - -
            tests.test_mixed test_no AssertionError: one "is" not <two> <&> -
            tests.test_mixed test_skip - - skipped

            """)
    }
}
