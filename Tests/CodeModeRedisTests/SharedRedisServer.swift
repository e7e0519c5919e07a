import Testing
import TestSupport

/// Starts one `RedisServer` for a whole suite and hands it to the suite's tests, which run in
/// parallel on it, each under its own key prefix. The server stops when the suite ends.
struct SharedRedisServer: SuiteTrait, TestScoping {
    var password: String?

    @TaskLocal static var current: RedisServer?

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let server = try RedisServer(password: password)
        try await Self.$current.withValue(server) {
            try await function()
        }
    }

    /// The suite's server; fails the test when the suite lacks the trait.
    static func server(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisServer {
        try #require(current, "the suite needs the .sharedRedisServer trait", sourceLocation: sourceLocation)
    }
}

extension Trait where Self == SharedRedisServer {
    static var sharedRedisServer: Self { Self() }

    static func sharedRedisServer(password: String) -> Self { Self(password: password) }
}

/// UTF-8 bytes, for building binary argument vectors and expected replies.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
