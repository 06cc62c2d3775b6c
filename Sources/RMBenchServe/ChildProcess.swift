import Foundation
import RMBenchCore
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
/// group of its own, so a Ctrl-C at the terminal reaches only us, and we decide what happens to
/// it. Started with `posix_spawn`, not Foundation's `Process`, whose `run()` on Linux crashes now
/// and then (swift-corelibs-foundation #5472: an over-read while listing `/proc/self/fd`).
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
    /// The process id of the child running now, guarded by `lock`.
    private var running: pid_t?

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

    /// Runs `executable arguments` and waits for it to end, without holding a thread of the
    /// concurrency pool (a detached thread of its own waits for the child).
    public func run(_ arguments: [String]) async -> Outcome {
        await withCheckedContinuation { continuation in
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, 2, 1)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            // A process group of its own; no signal blocked, every signal at its default.
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            // Held while starting, so that `kill()` sees the child as soon as it exists.
            lock.lock()
            let started = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            if started == 0 { running = pid }
            lock.unlock()
            guard started == 0 else {
                continuation.resume(returning: .notStarted("cannot start \(executable): \(String(cString: strerror(started)))"))
                return
            }
            let child = pid
            let finish: @Sendable () -> Void = { [self] in
                let outcome = Self.waitForExit(child)
                forget(child)
                continuation.resume(returning: outcome)
            }
            // No thread to wait on: wait here rather than leave the child a zombie.
            if !DetachedThread.start(finish) { finish() }
        }
    }

    /// Waits for the child to end and says how.
    private static func waitForExit(_ pid: pid_t) -> Outcome {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .notStarted("cannot wait for process \(pid): \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Kills the child running now, if any, with SIGKILL: for a stop that cannot wait.
    public func kill() {
        lock.lock()
        defer { lock.unlock() }
        guard let running else { return }
        sendSignal(running, SIGKILL)
    }

    private func forget(_ pid: pid_t) {
        lock.lock()
        if running == pid { running = nil }
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
