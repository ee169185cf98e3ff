import Crypto
import Foundation

/// A file written front to back whose size and SHA-256 are taken from the bytes on their way out.
///
/// The run manifest lists every output with its SHA-256 (docs/operations.md); a writer that hashes
/// what it writes saves reading each output back for it, which at ten years is hundreds of megabytes
/// (docs/benchmarks.md). Writers that own their file (``CSVWriter``) write through this type; ``finish()``
/// leaves the digest in ``WrittenDigests``, where ``RunReport/record(_:in:)`` takes it.
final class HashingFileWriter {
    /// Size and lowercase hex SHA-256 of everything written.
    struct Digest: Sendable, Equatable {
        var size: Int
        var sha256: String
    }

    let url: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    private var size = 0
    private var digest: Digest?

    /// Creates (or truncates) the file at `url`.
    init(creatingFileAt url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.url = url
        handle = try FileHandle(forWritingTo: url)
    }

    deinit {
        if digest == nil { try? handle.close() }
    }

    /// Appends `bytes` to the file and to the digest.
    func write(_ bytes: some DataProtocol) throws {
        precondition(digest == nil, "writing to \(url.path) after finish()")
        try handle.write(contentsOf: bytes)
        for region in bytes.regions { region.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        size += bytes.count
    }

    /// Appends the bytes at `buffer` (the CSV encoder's pending bytes) without copying them into `Data`.
    func write(_ buffer: UnsafeBufferPointer<UInt8>) throws {
        precondition(digest == nil, "writing to \(url.path) after finish()")
        try handle.write(contentsOf: UnsafeRawBufferPointer(buffer))
        hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        size += buffer.count
    }

    /// Closes the file and returns its size and SHA-256; calling it again returns the same digest.
    /// The digest is also left for the run to record (``WrittenDigests``), so the file is never read back for it.
    @discardableResult
    func finish() throws -> Digest {
        if let digest { return digest }
        try handle.close()
        let finished = Digest(size: size, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
        digest = finished
        WrittenDigests.remember(finished, of: url)
        return finished
    }
}
