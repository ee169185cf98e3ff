import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies a written file's contents without reading them: size, modification time and inode.
///
/// An output's SHA-256 is taken once, while it is written (``HashingFileWriter``) or when its stage records
/// it; afterwards its stamp tells whether it is still those bytes. Any write, truncation or replacement
/// changes the modification time or the inode, so the publish check re-hashes only files whose stamp moved.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var inode: UInt64

    /// The stamp of the regular file at `url`; `nil` when it is missing or not a regular file.
    static func of(_ url: URL) -> FileStamp? {
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return FileStamp(
            size: Int(info.st_size), modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec),
            inode: UInt64(info.st_ino))
    }
}

/// The digests ``HashingFileWriter`` took of the files it finished, until their stage records them.
///
/// Writers run on several threads (the researchers' responses beside the analysis), and their callers know
/// only file names: the digest is left here under the file's path and stamp, and ``RunReport`` takes it
/// instead of reading the file back. A file changed since it was finished has another stamp and is hashed.
enum WrittenDigests {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var digests: [String: (stamp: FileStamp, digest: HashingFileWriter.Digest)] = [:]

    static func remember(_ digest: HashingFileWriter.Digest, of url: URL) {
        guard let stamp = FileStamp.of(url), stamp.size == digest.size else { return }
        let path = url.standardizedFileURL.path
        lock.withLock { digests[path] = (stamp, digest) }
    }

    /// The digest taken while `url` was written, if the file is still exactly what was written; forgotten once taken.
    static func take(_ url: URL, stamp: FileStamp) -> HashingFileWriter.Digest? {
        let path = url.standardizedFileURL.path
        return lock.withLock {
            guard let entry = digests.removeValue(forKey: path), entry.stamp == stamp else { return nil }
            return entry.digest
        }
    }
}
