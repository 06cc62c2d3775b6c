#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread nobody joins: one per connection of `serve`, and the second piece of work of
/// `Concurrently.both`. Unlike Dispatch workers (a pool of about 64 on Linux, which slow
/// clients can fill, and which work nested in `concurrentPerform` shares), these cannot be
/// starved by other work; unlike Foundation's `Thread`, a thread the system refuses to create
/// is reported, so the caller can close the connection, or do the work itself, instead.
///
///     if !DetachedThread.start(finish) { finish() }
public enum DetachedThread {
    /// Runs `body` on a new thread; false (and `body` never runs) if none could be created.
    public static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if os(Linux)
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        #else
        var thread: pthread_t?
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        #endif
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        return true
    }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
