import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output folder, so two runs never write the same reports at once.
///
/// The lock is `flock` on the output folder itself, not on a file in it: deleting or replacing a lock
/// file cannot lose it, and the kernel releases it when the process dies, so a killed run never leaves
/// a stale lock behind. The note file beside it only says who holds the lock, for the message a second
/// run prints; removing it changes nothing.
final class RunLock {
    /// The folder locked.
    let folder: String
    /// Where the holder's pid and start time are written.
    let noteFile: String
    private var descriptor: Int32

    /// Takes the lock on `folder` or fails at once (no waiting): a nightly job should not queue behind another.
    init(folder: String, noteFile: String) throws(RunError) {
        self.folder = folder
        self.noteFile = noteFile
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RunError.cannotCreate(path: folder, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder =
                (try? String(contentsOfFile: noteFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            descriptor = -1
            throw RunError.lockHeld(path: folder, holder: holder)
        }
        // Who holds it; a failure to write the note does not weaken the lock.
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        try? Data(note.utf8).write(to: URL(fileURLWithPath: noteFile), options: .atomic)
    }

    /// Releases the lock; also happens on deinit and when the process ends.
    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
