import CodeModeCLI
import Foundation

exit(await CodeModeCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
