import CodeModeCore
import Testing

@Suite("SkillSourceReader agrees with Python")
struct SkillSourceOracleTests {
    /// One Python process reads every table source the way py-code-mode does (running it);
    /// the Swift reader, which never runs code, must agree row by row.
    @Test func everyTableRowAgreesWithPython() throws {
        let answers = try #require(try PythonOracle.evaluate(script: skillOracleScript, input: skillSourceTable.map(\.source)) as? [[String: Any]])
        try #require(answers.count == skillSourceTable.count)
        for (row, answer) in zip(skillSourceTable, answers) {
            let comment = Comment(rawValue: row.name)
            #expect(answer["error"] == nil, "\(row.name): Python could not load the source: \(answer["error"] ?? "")")
            let skill = try SkillSourceReader.read(row.source)
            #expect(skill.derivedDescription == answer["description"] as? String, comment)

            let pythonParameters = answer["parameters"] as? [[String: Any]] ?? []
            #expect(skill.parameters.map(\.name) == pythonParameters.map { $0["name"] as? String ?? "?" }, comment)
            for (parameter, python) in zip(skill.parameters, pythonParameters) {
                let parameterComment = Comment(rawValue: "\(row.name): \(parameter.name)")
                #expect(parameter.type == python["type"] as? String, parameterComment)
                #expect(parameter.required == (python["required"] as? String == "true"), parameterComment)
                guard row.oracle == .agrees else { continue }
                #expect(parameter.defaultValue == PythonOracle.jsonValue(fromTagged: python["default"] ?? []), parameterComment)
            }
        }
    }

    /// Skill files get their description as py-code-mode's FileStorage gives it:
    /// `(module.__doc__ or run.__doc__ or "").strip()`, first line — where a module docstring
    /// of only whitespace is kept (it is truthy) and gives "".
    @Test func fileDescriptionAgreesWithFileStorage() throws {
        let script = #"""
        import json, sys
        results = []
        for source in json.load(sys.stdin):
            namespace = {}
            exec(compile(source, "<skill>", "exec"), namespace)
            module_doc = namespace.get("__doc__")
            results.append((module_doc or namespace["run"].__doc__ or "").strip().split("\n")[0])
        json.dump(results, sys.stdout)
        """#
        let answers = try #require(try PythonOracle.evaluate(script: script, input: skillSourceTable.map(\.source)) as? [String])
        try #require(answers.count == skillSourceTable.count)
        for (row, answer) in zip(skillSourceTable, answers) {
            #expect(try SkillSourceReader.read(row.source).fileDescription == answer, Comment(rawValue: row.name))
        }
        let blankModuleDocstring = "\"\"\"   \"\"\"\nasync def run():\n    \"\"\"From run.\"\"\"\n"
        #expect(try Skill(name: SkillName(validating: "blank"), source: blankModuleDocstring).description == "")
    }

    /// Rows marked as differing must really differ somewhere, or the mark hides a check.
    @Test func rowsMarkedDefaultsDifferReallyDiffer() throws {
        let marked = skillSourceTable.filter { $0.oracle != .agrees }
        let answers = try #require(try PythonOracle.evaluate(script: skillOracleScript, input: marked.map(\.source)) as? [[String: Any]])
        try #require(!marked.isEmpty && answers.count == marked.count)
        for (row, answer) in zip(marked, answers) {
            let skill = try SkillSourceReader.read(row.source)
            let pythonDefaults = (answer["parameters"] as? [[String: Any]] ?? []).map { PythonOracle.jsonValue(fromTagged: $0["default"] ?? []) }
            #expect(skill.parameters.map(\.defaultValue) != pythonDefaults.map { $0 ?? .string("<unencodable>") }, Comment(rawValue: row.name))
        }
    }
}
