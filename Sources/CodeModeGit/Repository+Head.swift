internal import CGit2

extension Repository {
    /// Where HEAD points.
    public enum Head: Hashable, Sendable {
        /// On a branch with at least one commit; the short name, e.g. `main`.
        case branch(String)
        /// HEAD holds a commit id directly.
        case detached(ObjectID)
        /// On a branch that has no commit yet, as in a fresh repository.
        case unborn(branch: String)
    }

    /// Where HEAD points: a branch, a detached commit, or a branch still to be born.
    /// The corresponding libgit2 functions are `git_reference_lookup` and
    /// `git_reference_symbolic_target`.
    public var head: Head {
        get throws {
            var head: OpaquePointer?
            try check("git_reference_lookup(HEAD)") { git_reference_lookup(&head, handle, "HEAD") }
            defer { git_reference_free(head) }
            if let target = git_reference_target(head) {
                return .detached(ObjectID(target))
            }
            let symbolic = try unwrap(git_reference_symbolic_target(head), "git_reference_symbolic_target")
            let name = String(cString: symbolic)
            let branch = name.hasPrefix(Self.branchPrefix) ? String(name.dropFirst(Self.branchPrefix.count)) : name
            return try reference(named: name) == nil ? .unborn(branch: branch) : .branch(branch)
        }
    }

    /// The commit HEAD resolves to, or `nil` on an unborn branch.
    /// The corresponding libgit2 function is `git_reference_name_to_id`.
    public var headCommit: ObjectID? {
        get throws { try reference(named: "HEAD") }
    }

    /// The short names of the local branches, sorted.
    /// The corresponding libgit2 functions are `git_branch_iterator_new` and `git_branch_next`.
    public var branches: [String] {
        get throws {
            var iterator: OpaquePointer?
            try check("git_branch_iterator_new") { git_branch_iterator_new(&iterator, handle, GIT_BRANCH_LOCAL) }
            defer { git_branch_iterator_free(iterator) }
            var names: [String] = []
            while true {
                var reference: OpaquePointer?
                var type = GIT_BRANCH_LOCAL
                let result = git_branch_next(&reference, &type, iterator)
                if result == GIT_ITEROVER.rawValue { break }
                try check("git_branch_next") { result }
                defer { git_reference_free(reference) }
                var name: UnsafePointer<CChar>?
                try check("git_branch_name") { git_branch_name(&name, reference) }
                names.append(String(cString: try unwrap(name, "git_branch_name")))
            }
            return names.sorted()
        }
    }

    static let branchPrefix = "refs/heads/"
}

extension Repository {
    /// Whether `name` can be a branch (`review/agent-skills` can; `a..b`, `x.lock` cannot).
    /// The corresponding libgit2 function is `git_branch_name_is_valid`.
    public func validBranchName(_ name: String) throws -> Bool {
        var valid: Int32 = 0
        try check("git_branch_name_is_valid") { git_branch_name_is_valid(&valid, name) }
        return valid != 0
    }

    /// Whether `name` is a valid full reference name, such as `refs/codemode/dev`.
    /// The corresponding libgit2 function is `git_reference_name_is_valid`.
    public static func validReferenceName(_ name: String) throws -> Bool {
        _ = LibGit2.initialized
        var valid: Int32 = 0
        try check("git_reference_name_is_valid") { git_reference_name_is_valid(&valid, name) }
        return valid != 0
    }
}
