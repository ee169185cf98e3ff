import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, memory-mapped read-only, so reading a large export costs address space, not memory.
///
/// Mapped pages are file-backed: the kernel can drop them at any time and fault them in again, so
/// ``releasePages(before:)`` keeps the resident set small while a long file is read front to back.
final class MappedFile {
    let url: URL
    let size: Int
    private let base: UnsafeMutableRawPointer?
    private var released = 0

    /// Maps `url`; an empty file maps to an empty buffer.
    init(url: URL) throws(IngestError) {
        self.url = url
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.unreadableFile(file: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw IngestError.unreadableFile(file: url.path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw IngestError.unreadableFile(file: url.path, reason: "not a regular file")
        }
        size = Int(info.st_size)
        if size == 0 {
            base = nil
            return
        }
        let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw IngestError.unreadableFile(file: url.path, reason: String(cString: strerror(errno)))
        }
        base = pointer
        _ = madvise(pointer, size, MADV_SEQUENTIAL)
    }

    deinit {
        if let base { munmap(base, size) }
    }

    /// Calls `body` with the file's bytes; the buffer must not escape the call.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base.map { UnsafeRawPointer($0) }, count: size))
    }

    /// Tells the kernel the pages before `offset` are no longer needed.
    ///
    /// Without this the resident set of a front-to-back read grows to the file's size, because
    /// clean file pages stay mapped until memory is short. Reading them again is still correct.
    func releasePages(before offset: Int) {
        guard let base else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = (min(offset, size) / pageSize) * pageSize
        guard end - released >= 8 << 20 else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }
}
