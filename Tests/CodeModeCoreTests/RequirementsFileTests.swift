import CodeModeCore
import Testing

@Suite("requirements.txt editing")
struct RequirementsFileTests {
    private func spec(_ text: String) throws -> DependencySpec {
        try DependencySpec(validating: text)
    }

    @Test("entries, comments, blanks and problems")
    func parse() throws {
        let file = RequirementsFile(text: """
            numpy
            # data stack

              requests>=2  # pinned for the proxy
            bad spec here
            Requests
            pkg#frag

            """)
        #expect(file.specs == [try spec("numpy"), try spec("requests>=2")])
        #expect(file.problems.map(\.line) == [5, 6, 7])
        #expect(file.problems[0].text == "bad spec here")
        #expect(file.problems[0].reason.contains("spaces are not allowed"))
        #expect(file.problems[1].reason == "'requests' is already listed on line 4; keep one line per package")
        #expect(file.problems[2].reason.contains("not a valid requirement"))
        #expect(file.problems[1].description.hasPrefix("line 6: 'Requests': "))
    }

    @Test("text round-trips unchanged", arguments: [
        "numpy\n# c\n\n  requests>=2  # pinned\n-e .\n",
        "a\n\n\n",
        "\n",
    ])
    func roundTrip(text: String) {
        #expect(RequirementsFile(text: text).text == text)
    }

    @Test("serialization ends with one line break, none when empty")
    func serialization() throws {
        #expect(RequirementsFile(text: "numpy").text == "numpy\n")
        #expect(RequirementsFile(text: "").text == "")
        #expect(RequirementsFile(text: "a\r\nb\r\n").text == "a\nb\n")
        #expect(RequirementsFile(text: "a\r\nb\r\n").specs == [try spec("a"), try spec("b")])
        var file = RequirementsFile(text: "numpy\n")
        let removed = file.remove(named: "numpy")
        #expect(removed)
        #expect(file.text == "")
    }

    @Test("add appends a new package")
    func addNew() throws {
        var file = RequirementsFile(text: "# deps\nnumpy")
        let changed = file.add(try spec("Requests>=2"))
        #expect(changed)
        #expect(file.text == "# deps\nnumpy\nrequests>=2\n")
    }

    @Test("add of an identical entry changes nothing")
    func addIdentical() throws {
        var file = RequirementsFile(text: "Requests>=2  # keep my spelling\n")
        let changed = file.add(try spec("requests>=2"))
        #expect(!changed)
        #expect(file.text == "Requests>=2  # keep my spelling\n")
    }

    @Test("add replaces in place, keeps the inline comment and drops later duplicates")
    func addReplaces() throws {
        var file = RequirementsFile(text: "a\nrequests>=2  # pinned\nb\nRequests[socks]\nnot valid!\n")
        let changed = file.add(try spec("requests==3.0"))
        #expect(changed)
        #expect(file.text == "a\nrequests==3.0  # pinned\nb\nnot valid!\n")
        #expect(file.specs.map(\.text) == ["a", "requests==3.0", "b"])
        #expect(file.problems.map(\.line) == [4])
    }

    @Test("add collapses an identical duplicate")
    func addCollapses() throws {
        var file = RequirementsFile(text: "requests\nrequests\n")
        let changed = file.add(try spec("requests"))
        #expect(changed)
        #expect(file.text == "requests\n")
    }

    @Test("remove matches the normalized base name")
    func remove() {
        var file = RequirementsFile(text: "requests[socks]>=2\nmy-pkg\nnumpy # n\n")
        let removedUpperCase = file.remove(named: "REQUESTS")
        #expect(removedUpperCase)
        let removedWithVersion = file.remove(named: " My_Pkg>=9 ")
        #expect(removedWithVersion)
        let removedAbsent = file.remove(named: "pandas")
        #expect(!removedAbsent)
        let removedEmpty = file.remove(named: "")
        #expect(!removedEmpty)
        #expect(file.text == "numpy # n\n")
    }

    @Test("remove leaves invalid lines alone")
    func removeKeepsInvalid() {
        var file = RequirementsFile(text: "requests; python_version>'3'\nrequests\n")
        let removed = file.remove(named: "requests")
        #expect(removed)
        #expect(file.text == "requests; python_version>'3'\n")
        #expect(file.problems.first?.reason.contains("contains ';'") == true)
    }
}
