import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An export file opened for reading with `pread`, and proof that two reads of it saw the same bytes.
///
/// Not memory-mapped: a mapped file that a sync client truncates while it is read kills the process
/// with SIGBUS, while `pread` just returns fewer bytes. The reader reads the file twice (once to
/// detect, count and hash, once to parse) and ``checkUnchanged(bytesRead:)`` proves both passes saw
/// what the first one hashed, so the manifest describes exactly the bytes read.
final class ExportFile {
    let url: URL
    private let descriptor: Int32
    /// Size, modification time and inode when the file was opened.
    let stamp: Stamp

    /// What identifies a file's contents without reading them again.
    struct Stamp: Equatable {
        var size: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var inode: UInt64
    }

    /// Opens `url`, which must be a regular file.
    init(url: URL) throws(IngestError) {
        self.url = url
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.unreadableFile(file: url.path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        guard let stamp = Self.stamp(of: fd) else {
            close(fd)
            throw IngestError.unreadableFile(file: url.path, reason: String(cString: strerror(errno)))
        }
        guard stamp.isRegular else {
            close(fd)
            throw IngestError.unreadableFile(file: url.path, reason: "not a regular file")
        }
        self.stamp = stamp.value
    }

    deinit { close(descriptor) }

    var size: Int { stamp.size }

    /// Reads up to `count` bytes at `offset` into `buffer`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(IngestError) -> Int {
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadableFile(file: url.path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Throws ``IngestError/fileChanged(file:)`` unless the file still is as opened and `bytesRead`
    /// (when given) is all of it.
    func checkUnchanged(bytesRead: Int? = nil) throws(IngestError) {
        let now = Self.stamp(of: descriptor)?.value
        if now != stamp || (bytesRead.map { $0 != stamp.size } ?? false) {
            throw IngestError.fileChanged(file: url.path)
        }
    }

    private static func stamp(of fd: Int32) -> (value: Stamp, isRegular: Bool)? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return (
            Stamp(
                size: Int(info.st_size), modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec),
                inode: UInt64(info.st_ino)),
            (info.st_mode & S_IFMT) == S_IFREG
        )
    }
}
