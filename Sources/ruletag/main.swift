import Foundation
import RuleTagCLI

exit(RuleTagCLI.main(Array(CommandLine.arguments.dropFirst())))
