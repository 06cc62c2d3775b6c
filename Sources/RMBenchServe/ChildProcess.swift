import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs commands in a child process, one at a time, so that whatever a command does — a crash,
/// a trap, an abort, running out of memory — ends only the child.
///
/// The child reads nothing (its input is /dev/null) and writes to our standard error, both its
/// output and its errors: our standard output carries only our own lines. It runs in a process
/// group of its own (Foundation does that), so a Ctrl-C at the terminal reaches only us, and we
/// decide what happens to it.
public final class ChildProcess: @unchecked Sendable {
    public enum Outcome: Equatable, Sendable {
        /// Ended with this exit status.
        case exited(Int32)
        /// Ended by this signal (a crash, a trap, an abort, or a kill).
        case signalled(Int32)
        /// Never started; why.
        case notStarted(String)
    }

    public let executable: String
    private let lock = NSLock()
    /// The child running now, guarded by `lock`.
    private var running: Process?

    public init(executable: String = ChildProcess.currentExecutable) {
        self.executable = executable
    }

    /// The file this process runs. On Linux `/proc/self/exe`: the kernel resolves it to the very
    /// file running, even if it was replaced or deleted since (the tool rebuilt during a
    /// session), and no path from the environment or `argv[0]` is trusted.
    public static var currentExecutable: String {
        #if os(Linux)
        "/proc/self/exe"
        #else
        Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
    }

    /// Runs `executable arguments` and waits for it to end, without holding a thread.
    public func run(_ arguments: [String]) async -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { [self] ended in
                forget(ended)
                let status = ended.terminationStatus
                continuation.resume(returning: ended.terminationReason == .exit ? .exited(status) : .signalled(status))
            }
            lock.lock()
            running = process
            lock.unlock()
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                forget(process)
                continuation.resume(returning: .notStarted(error.localizedDescription))
            }
        }
    }

    /// Kills the child running now, if any, with SIGKILL: for a stop that cannot wait.
    public func kill() {
        lock.lock()
        defer { lock.unlock() }
        guard let running, running.isRunning else { return }
        sendSignal(running.processIdentifier, SIGKILL)
    }

    private func forget(_ process: Process) {
        lock.lock()
        if running === process { running = nil }
        lock.unlock()
    }
}

private func sendSignal(_ pid: Int32, _ number: Int32) {
    #if canImport(Glibc)
    _ = Glibc.kill(pid, number)
    #else
    _ = Darwin.kill(pid, number)
    #endif
}
