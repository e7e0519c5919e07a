import ArgumentParser
import CodeModeCore
import CodeModeGates
import CodeModeGit
import CodeModeRedis
import CodeModeSession
import CodeModeStorage
import CodeModeSync

/// The exit codes of `codemode`, a contract documented in docs/cli.md.
public enum ExitStatus {
    /// Success, nothing wrong found.
    public static let success: Int32 = 0
    /// An error, or problems found (`validate`).
    public static let failure: Int32 = 1
    /// Differences found (`store diff --exit-code`), like `git diff --exit-code`.
    public static let differences: Int32 = 2
    /// Refused because it would overwrite something that differs (use `--force`).
    public static let conflict: Int32 = 3
    /// The Redis server cannot be reached (sysexits' EX_UNAVAILABLE).
    public static let unavailable: Int32 = 69
    /// Bad command-line usage (sysexits' EX_USAGE), as swift-argument-parser reports it.
    public static let usage: Int32 = 64

    /// The one place where errors become exit codes and messages.
    static func report(_ error: any Error) -> (code: Int32, message: String?) {
        switch error {
        case let error as CommandFailure:
            return (error.code, error.message.map { "codemode: \($0)" })
        case let error as SyncError:
            let code = switch error.kind {
            case .usage: usage
            case .failed: failure
            case .refused: conflict
            }
            return (code, "codemode: \(error.message)")
        case let error as TestSelectionError:
            return (usage, "codemode: \(error)")
        case let error as StorageError:
            return (error.kind == .alreadyExists ? conflict : failure, "codemode: \(error.message)")
        case let error as RedisError:
            let unreachable = error.kind == .connection || error.kind == .timeout
            return (unreachable ? unavailable : failure, "codemode: \(error.message)")
        case let error as SkillNameError:
            return (failure, "codemode: \(error)")
        case let error as ArtifactNameError:
            return (failure, "codemode: \(error)")
        case let error as DependencySpecError:
            return (failure, "codemode: \(error)")
        case let error as GitError:
            return (failure, "codemode: \(error)")
        case let error as PythonError:
            return (failure, "codemode: \(error)")
        case let error as SessionError:
            return (failure, "codemode: \(error)")
        default:
            // swift-argument-parser's own errors: usage (64), help and version (0).
            let code = CodeModeCommand.exitCode(for: error).rawValue
            let message = CodeModeCommand.fullMessage(for: error)
            return (code, message.isEmpty ? nil : message)
        }
    }
}

/// A failure a command reports itself: a message for stderr (nil when already printed) and a code.
struct CommandFailure: Error {
    var message: String?
    var code: Int32 = ExitStatus.failure
}
