import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output folder, so two runs never write the same reports at once.
///
/// Uses `flock`, which the kernel releases when the process dies, so a killed run never leaves
/// a stale lock behind.
public final class RunLock {
    /// The lock file.
    public let path: String
    private var descriptor: Int32

    /// Takes the lock or fails at once (no waiting): a nightly job should not queue behind another.
    public init(path: String) throws(RunError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            descriptor = -1
            throw RunError.lockHeld(path: path, holder: holder)
        }
        // Record who holds it, for the message a second run prints.
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Releases the lock; also happens on deinit and when the process ends.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
