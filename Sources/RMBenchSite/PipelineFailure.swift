import RMBenchCore
import RMBenchPublish

/// Why a pipeline command failed, with what the command line needs to pick its exit status:
/// bad input, a page that cannot be converted and a refused output folder are the user's to fix
/// (exit 2); an output that cannot be written is the filesystem's (exit 1).
public enum PipelineFailure: Error, Sendable {
    /// Bad input: every problem, for exit status 2.
    case input(InputProblems)
    /// A page the templates made cannot be converted (an unknown placeholder…): exit 2.
    case convert(String)
    /// The output folder may not be replaced (not ours, without --force): exit 2.
    case refused(String)
    /// The output folder cannot be written: exit 1.
    case publish(String)
    /// The command's options contradict each other or name nothing that exists: exit 2.
    case usage(String)

    /// A refused output folder is the user's to fix (exit 2); any other publish error is the
    /// filesystem's (exit 1).
    public init(publishing error: any Error) {
        if let error = error as? PublishError, error.kind == .notOurs {
            self = .refused("\(error)")
        } else {
            self = .publish("\(error)")
        }
    }
}
