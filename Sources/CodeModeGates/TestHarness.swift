import CodeModeCore

/// The Python that `codemode test` runs in a session's kernel: one cell loads a test file into
/// a namespace of its own and lists its tests; then one cell per test runs it and answers with
/// its outcome as a JSON value. The harness counts the skills a test invokes (through
/// `skills.invoke`, which every call of a skill, also from another skill, goes through).
enum TestHarness {
    /// Defines the harness and loads `file`: the cell's value is the names of its tests whose
    /// name contains `keyword`, in the order the file defines them.
    static func loadCell(_ file: TestFile, keyword: String) -> String {
        let encoder = PythonJSONEncoder()
        return definitions + "\n__codemode_load(\(encoder.encode(.string(file.path))), \(encoder.encode(.string(file.source))), \(encoder.encode(.string(keyword))))\n"
    }

    /// Runs one test loaded by `loadCell`; its value is the outcome.
    static func testCell(_ name: String) -> String {
        "await __codemode_test(\(PythonJSONEncoder().encode(.string(name))))\n"
    }

    private static let definitions = #"""
    def __codemode_load(path, source, keyword):
        import linecache, unittest
        global __codemode_scope
        linecache.cache[path] = (len(source), None, source.splitlines(True), path)
        def skip(reason=""):
            raise unittest.SkipTest(reason)
        scope = {"__name__": path[:-3].replace("/", "."), "__file__": path, "__builtins__": __builtins__,
                 "skills": skills, "tools": tools, "artifacts": artifacts, "deps": deps, "skip": skip}
        if not hasattr(type(skills), "_codemode_counted"):
            plain = type(skills).invoke
            def counted(self, skill_name, **kwargs):
                type(self)._codemode_invoked.add(skill_name)
                return plain(self, skill_name, **kwargs)
            type(skills).invoke = counted
            type(skills)._codemode_counted = True
            type(skills)._codemode_invoked = set()
        exec(compile(source, path, "exec"), scope)
        __codemode_scope = scope
        return [name for name, value in scope.items() if name.startswith("test") and callable(value) and keyword in name]

    async def __codemode_test(name):
        import inspect, linecache, sysconfig, time, traceback, unittest
        type(skills)._codemode_invoked = set()
        outcome = {"name": name, "outcome": "passed", "message": "", "traceback": ""}
        started = time.perf_counter()
        try:
            result = __codemode_scope[name]()
            if inspect.isawaitable(result):
                await result
        except unittest.SkipTest as skipped:
            outcome.update(outcome="skipped", message=str(skipped))
        except KeyboardInterrupt:
            raise
        except BaseException as error:
            # Only the test's and the skills' own frames: not the harness's, the kernel's
            # (`<string>`, `<cell N>`) or the standard library's.
            stdlib = sysconfig.get_paths()["stdlib"]
            frames = [frame for frame in traceback.extract_tb(error.__traceback__)[1:]
                      if not frame.filename.startswith("<") and not frame.filename.startswith(stdlib)]
            message = str(error)
            if isinstance(error, AssertionError) and not message and frames:
                last = [frame for frame in frames if frame.filename == __codemode_scope["__file__"]] or frames
                message = (linecache.getline(last[-1].filename, last[-1].lineno) or "").strip()
            message = f"{type(error).__name__}: {message}" if message else type(error).__name__
            lines = ["Traceback (most recent call last):\n"] + traceback.format_list(frames) + [message + "\n"]
            outcome.update(outcome="failed", message=message, traceback="".join(lines))
        outcome["seconds"] = time.perf_counter() - started
        outcome["invoked"] = sorted(type(skills)._codemode_invoked)
        return outcome
    """#
}
