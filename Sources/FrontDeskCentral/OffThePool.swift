// CPU-heavy work of a push run on threads of its own, off Swift's cooperative pool.
import Dispatch

/// Runs `work` on a Dispatch thread and waits for it without holding a cooperative thread. The pool
/// has one thread per core; a push's parsing and hashing (a millisecond or two each) occupying it kept
/// the push's own continuation waiting when PostgreSQL answered, on the critical path of every push
/// (`scripts/bench sync`). On threads of their own they share the cores through the OS scheduler instead.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// The same, for work that cannot fail.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
    }
}
