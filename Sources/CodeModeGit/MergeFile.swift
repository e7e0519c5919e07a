internal import CGit2

/// Three-way merge of one file's text, in memory, with no repository involved.
public enum MergeFile {
    /// The merged text; with conflicts it holds git's conflict markers
    /// (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`) around each region both sides changed.
    public struct Result: Hashable, Sendable {
        public var content: [UInt8]
        public var hasConflicts: Bool
    }

    /// Merges the changes from `ancestor` to `ours` and from `ancestor` to `theirs`, line by
    /// line, as `git merge-file` does. A `nil` ancestor means the file is new on both sides,
    /// so any difference between them is a conflict. The labels follow the markers.
    /// The corresponding libgit2 function is `git_merge_file`.
    public static func merge(ancestor: [UInt8]?, ours: [UInt8], theirs: [UInt8],
                             ancestorLabel: String = "base", ourLabel: String = "ours",
                             theirLabel: String = "theirs") throws -> Result {
        _ = LibGit2.initialized
        var options = git_merge_file_options()
        try check("git_merge_file_options_init") {
            git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION))
        }
        var result = git_merge_file_result()
        defer { git_merge_file_result_free(&result) }
        try withInput(ancestor ?? []) { ancestor in
            try withInput(ours) { ours in
                try withInput(theirs) { theirs in
                    try ancestorLabel.withCString { ancestorLabel in
                        try ourLabel.withCString { ourLabel in
                            try theirLabel.withCString { theirLabel in
                                options.ancestor_label = ancestorLabel
                                options.our_label = ourLabel
                                options.their_label = theirLabel
                                try check("git_merge_file") { git_merge_file(&result, &ancestor, &ours, &theirs, &options) }
                            }
                        }
                    }
                }
            }
        }
        let content = result.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: result.len)) } ?? []
        return Result(content: content, hasConflicts: result.automergeable == 0)
    }

    /// The corresponding libgit2 function is `git_merge_file_input_init`.
    private static func withInput<R>(_ bytes: [UInt8], _ body: (inout git_merge_file_input) throws -> R) throws -> R {
        var input = git_merge_file_input()
        try check("git_merge_file_input_init") {
            git_merge_file_input_init(&input, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
        }
        return try bytes.withUnsafeBytes { buffer in
            input.ptr = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            input.size = buffer.count
            return try body(&input)
        }
    }
}
