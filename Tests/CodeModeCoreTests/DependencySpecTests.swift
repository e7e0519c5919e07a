import CodeModeCore
import Testing

@Suite("Dependency specs")
struct DependencySpecTests {
    @Test("accepted specs normalize the name part only", arguments: [
        ("requests", "requests"),
        ("My_Package>=2.0", "my-package>=2.0"),
        ("My_Pkg[Extra_1]==1.0", "my-pkg[Extra_1]==1.0"),
        ("pkg[extra1,extra2]>=1.0", "pkg[extra1,extra2]>=1.0"),
        ("pandas==2.*", "pandas==2.*"),
        ("pkg>1,<2", "pkg>1,<2"),
        ("1abc", "1abc"),
        ("Zope.Interface", "zope.interface"),
        ("pkg=1", "pkg=1"),
        ("pkg<>1", "pkg<>1"),
        ("pkg===1.0", "pkg===1.0"),
        ("pkg~=1.4", "pkg~=1.4"),
        ("  pkg>=1.0 \t", "pkg>=1.0"),
    ])
    func accepted(raw: String, normalized: String) throws {
        let spec = try DependencySpec(validating: raw)
        #expect(spec.text == normalized)
        #expect(spec.description == normalized)
    }

    @Test("base name stops at extras or the first operator", arguments: [
        ("Requests[socks]>=2", "requests"),
        ("my_pkg~=1.0", "my-pkg"),
        ("pkg.name", "pkg.name"),
        ("a-b!=3", "a-b"),
    ])
    func baseName(raw: String, expected: String) throws {
        #expect(try DependencySpec(validating: raw).baseName == expected)
    }

    @Test("identity is the normalized text")
    func identity() throws {
        #expect(try DependencySpec(validating: "Requests") == DependencySpec(validating: "requests"))
        #expect(try DependencySpec(validating: "My_Pkg") == DependencySpec(validating: "my-pkg"))
        #expect(try DependencySpec(validating: "pkg.name") != DependencySpec(validating: "pkg-name"))
        let set: Set = [try DependencySpec(validating: "A_B"), try DependencySpec(validating: "a-b")]
        #expect(set.count == 1)
    }

    @Test("refused specs name the rule", arguments: [
        ("", "empty requirement"),
        ("   ", "empty requirement"),
        ("a\nb", "control character '\\n'"),
        ("a\u{0}b", "control character '\\u{0}'"),
        ("-e .", "editable installs and pip options are not supported"),
        ("--index-url=https://x", "editable installs and pip options are not supported"),
        ("pkg @ https://example.com/p.whl", "contains '@'"),
        ("requests; python_version>'3'", "contains ';'"),
        ("pkg(1)", "contains '('"),
        ("pkg|x", "shell metacharacter '|'"),
        ("pkg&&x", "shell metacharacter '&'"),
        ("pkg`x`", "shell metacharacter '`'"),
        ("pkg$HOME", "shell metacharacter '$'"),
        ("pandas>= 2.0", "spaces are not allowed inside a requirement; write 'pandas>=2.0'"),
        ("pandas >=2", "write 'pandas>=2'"),
        ("pkg\t>=1", "write 'pkg>=1'"),
        ("pkg >1, <2", "write 'pkg>1,<2'"),
        ("foo bar", "write one package per line"),
        ("pandas 2.0", "write one package per line"),
        ("_private", "must start with a letter or digit"),
        (".hidden", "must start with a letter or digit"),
        ("café", "non-ASCII character 'é'"),
        ("pkg[]", "extras must be a non-empty list"),
        ("pkg[a", "extras must be a non-empty list"),
        ("pkg>", "not a valid requirement"),
        ("pkg#frag", "not a valid requirement"),
        ("git+https://github.com/x/y", "not a valid requirement"),
        ("pkg[a]x", "not a valid requirement"),
        ("pkg>=1.0_a", "not a valid requirement"),
    ])
    func refused(raw: String, reasonContains: String) {
        #expect {
            try DependencySpec(validating: raw)
        } throws: { error in
            guard let error = error as? DependencySpecError else { return false }
            return error.reason.contains(reasonContains)
        }
    }

    @Test("length limit is 256 characters")
    func length() throws {
        let longest = String(repeating: "a", count: 256)
        #expect(try DependencySpec(validating: longest).text == longest)
        let error = #expect(throws: DependencySpecError.self) {
            try DependencySpec(validating: longest + "a")
        }
        #expect(error?.reason == "too long (257 characters, at most 256)")
    }

    @Test("messages quote the spec and say what to do")
    func messages() {
        let spaced = #expect(throws: DependencySpecError.self) { try DependencySpec(validating: " pandas>= 2.0 ") }
        #expect(spaced?.description == "'pandas>= 2.0': spaces are not allowed inside a requirement; write 'pandas>=2.0'")
        let editable = #expect(throws: DependencySpecError.self) { try DependencySpec(validating: "-e .") }
        #expect(editable?.description == "'-e .': editable installs and pip options are not supported; "
            + "list package names with optional version specifiers")
        let control = #expect(throws: DependencySpecError.self) { try DependencySpec(validating: "a\nb") }
        #expect(control?.description.contains("'a\\nb'") == true)
        #expect(control?.spec == "a\nb")
    }

    @Test("the first blocked character in the spec is the one named")
    func firstBlocked() {
        let error = #expect(throws: DependencySpecError.self) { try DependencySpec(validating: "x)y;z@w") }
        #expect(error?.reason.hasPrefix("contains ')'") == true)
    }
}
