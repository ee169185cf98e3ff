import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite struct HashingFileWriterTests {
    /// The digest of bytes written in pieces is that of the file as Python's hashlib reads it back,
    /// and differs as soon as one byte of the file differs (the check can fail).
    @Test func digestOfWrittenBytesIsTheFilesSHA256() throws {
        let folder = try TestSupport.temporaryFolder("hashing-writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.csv")
        let writer = try HashingFileWriter(creatingFileAt: url)
        let pieces = ["form_id,item,score\r\n", "1,Z01,5\r\n", String(repeating: "2,Z02,6\r\n", count: 20_000), "é;😀\r\n"]
        for piece in pieces { try writer.write(Data(piece.utf8)) }
        try writer.write([UInt8](repeating: 0x41, count: 3))
        let digest = try writer.finish()
        #expect(try writer.finish() == digest)

        let script =
            "import hashlib, sys, os; p = sys.argv[1]; print(os.path.getsize(p), hashlib.sha256(open(p, 'rb').read()).hexdigest())"
        let python = try TestSupport.runPython(script, arguments: [url.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(python == "\(digest.size) \(digest.sha256)")
        #expect(digest.size == pieces.reduce(0) { $0 + $1.utf8.count } + 3)

        // Positive control: the same check on a file with one byte changed no longer matches.
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: url)
        let changed = try TestSupport.runPython(script, arguments: [url.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(changed != "\(digest.size) \(digest.sha256)")
    }
}
