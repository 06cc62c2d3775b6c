import ArgumentParser
import RMBenchCore
import RMBenchPublish

/// The commands' side of ``OutputGuard``: an overlap is bad input, exit status 2.
enum OutputSafety {
    /// Refuses `output` if it is, contains, or lies inside any input; prints why and exits 2.
    static func refuseOverlap(_ output: String?, role: String, inputs: [OutputGuard.Input]) throws {
        guard let output, output != "-" else { return }
        do {
            try OutputGuard.refuseOverlap(output: output, role: role, inputs: inputs)
        } catch {
            printError("error: \(output): \(error)")
            throw ExitCode(2)
        }
    }

    /// The same check as an input problem, for the build pipeline's error reporting.
    static func overlapProblem(_ output: String, role: String, inputs: [OutputGuard.Input]) -> InputProblem? {
        do {
            try OutputGuard.refuseOverlap(output: output, role: role, inputs: inputs)
            return nil
        } catch {
            return InputProblem(file: output, location: .file, message: "\(error)")
        }
    }
}
