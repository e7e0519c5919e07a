import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import Testing
import TestSupport

/// Real installs, offline: pip reads wheels the test builds into a local folder.
@Suite("Session dependencies")
struct DependencyTests {
    final class Index {
        let folder: TemporaryDirectory
        let environments: TemporaryDirectory

        init() throws {
            folder = try TemporaryDirectory("wheels")
            environments = try TemporaryDirectory("venvs")
            // A wheel is a zip file with the module and its metadata.
            let script = """
                import sys, zipfile
                folder, name, version = sys.argv[1:4]
                info = f"{name}-{version}.dist-info"
                with zipfile.ZipFile(f"{folder}/{name}-{version}-py3-none-any.whl", "w") as wheel:
                    wheel.writestr(f"{name}.py", f"VERSION = {version!r}\\n")
                    wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n")
                    wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
                    wheel.writestr(f"{info}/RECORD", "")
                """
            let python = try PythonInterpreter.resolve()
            for (name, version) in [("hello_codemode", "1.0"), ("other_codemode", "2.0")] {
                let result = try ProcessRunner.run(python.executable, ["-c", script, folder.path, name, version])
                try #require(result.status == 0, "wheel: \(result.stderr)")
            }
        }

        func config(allowRuntimeDeps: Bool = true) -> SubprocessConfig {
            SubprocessConfig(defaultTimeout: 120, allowRuntimeDeps: allowRuntimeDeps, environmentsFolder: environments.url,
                             installOptions: ["--no-index", "--find-links", folder.path])
        }
    }

    @Test func addInstallsIntoTheRunningKernelThenStores() async throws {
        let index = try Index()
        let fixture = try SessionFixture(config: index.config())
        try fixture.folder.write("requirements.txt", "# what the skills need\n")
        #expect(try await fixture.value("deps.list()") == .array([]))
        #expect(try await fixture.error("import hello_codemode").contains("ModuleNotFoundError"))
        #expect(try await fixture.value("deps.add('Hello_Codemode==1.0')")
            == .string("SyncResult(installed=('hello-codemode==1.0',), already_present=(), failed=())"))
        #expect(try await fixture.value("import hello_codemode\nhello_codemode.VERSION") == .string("1.0"))
        #expect(try fixture.folder.read("requirements.txt") == "# what the skills need\nhello-codemode==1.0\n")
        #expect(try await fixture.value("deps.add('hello-codemode==1.0').already_present") == .string("('hello-codemode==1.0',)"))

        // A restarted kernel, and a new session, start where the package is installed.
        try await fixture.session.reset()
        #expect(try await fixture.value("import hello_codemode\nhello_codemode.VERSION") == .string("1.0"))
        let second = Session(storage: try fixture.newStorage(), executor: SubprocessExecutor(index.config()))
        #expect(try await second.run("import hello_codemode").error == nil)
        await second.close()

        #expect(try await fixture.value("deps.remove('HELLO_codemode')") == .bool(true))
        #expect(try await fixture.value("deps.list()") == .array([]))
        #expect(try fixture.folder.read("requirements.txt") == "# what the skills need\n")
    }

    @Test func badAndMissingPackagesStoreNothing() async throws {
        let index = try Index()
        let fixture = try SessionFixture(config: index.config())
        #expect(try await fixture.error("deps.add('-e .')").hasPrefix("DepsError: deps.add: [ValueError] "))
        let missing = try await fixture.error("deps.add('no-such-package-codemode')")
        #expect(missing.hasPrefix("DepsError: deps.add: [InstallError] cannot install no-such-package-codemode"))
        #expect(missing.contains("nothing was stored"))
        #expect(!fixture.folder.exists("requirements.txt"))
        #expect(try await fixture.value("deps.list()") == .array([]))
    }

    @Test func runtimeChangesCanBeRefused() async throws {
        let index = try Index()
        let fixture = try SessionFixture(config: index.config(allowRuntimeDeps: false))
        #expect(try await fixture.error("deps.add('hello-codemode')")
            == "DepsError: deps.add: [RuntimeError] RuntimeDepsDisabledError: Runtime dependency installation is disabled. Dependencies must be pre-configured before session start.\n")
        #expect(try await fixture.error("deps.remove('hello-codemode')").contains("Runtime dependency modification is disabled."))
        #expect(try await fixture.value("deps.list()") == .array([]))
    }

    @Test func aSessionStartsWithTheLibrarysDependenciesInstalled() async throws {
        let index = try Index()
        let server = try RedisServer()
        let fixture = try SessionFixture(.redis, config: index.config(), server: server)
        _ = try fixture.storage.addDependency(DependencySpec(validating: "other-codemode"))
        #expect(try await fixture.value("import other_codemode\nother_codemode.VERSION") == .string("2.0"))
        #expect(try await fixture.value("deps.sync().already_present") == .string("('other-codemode',)"))
    }
}
