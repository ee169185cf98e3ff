import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret behind pseudonyms: whoever holds it can link pseudonyms to people, so it never leaves its file or
/// environment variable — not into output, not into logs, not into error messages (``description`` is redacted).
///
/// The key is the text of the variable or file, without surrounding white space, used as HMAC key bytes. The same
/// text gives the same pseudonyms, in a file or in the variable. ``generate(writingTo:)`` writes 64 hex digits
/// (256 random bits); any text of at least ``minimumByteCount`` bytes is accepted, so a key from
/// `openssl rand -base64 32` works too.
package struct PseudonymKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// HMAC-SHA256 keys shorter than its 32-byte output weaken it.
    static let minimumByteCount = 32

    private let material: KeyMaterial
    var symmetricKey: SymmetricKey { material.symmetricKey }

    /// A key from its text; throws ``PseudonymKeyError/tooShort(source:byteCount:)`` below the minimum.
    init(text: String, source: String = "the key") throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= Self.minimumByteCount else {
            throw PseudonymKeyError.tooShort(source: source, byteCount: bytes.count)
        }
        material = KeyMaterial(SymmetricKey(data: bytes))
    }

    /// The key named by `Pipeline.yml`: the environment variable when it is set and not empty, else the key file.
    ///
    /// The variable wins so that a cron job or CI can override a file left on disk.
    static func load(
        _ settings: PipelineConfiguration.Pseudonymisation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PseudonymKey {
        let variable = settings.keyEnvironmentVariable
        if let text = environment[variable], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return try PseudonymKey(text: text, source: "the environment variable \(variable)")
        }
        guard let file = settings.keyFile else {
            throw PseudonymKeyError.missing(environmentVariable: variable, keyFile: nil)
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw PseudonymKeyError.missing(environmentVariable: variable, keyFile: file.path)
        }
        // Group or other bits: the key would be readable (or replaceable) by other accounts.
        var info = stat()
        if stat(file.path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw PseudonymKeyError.readableByOthers(keyFile: file.path, mode: UInt16(info.st_mode & 0o777))
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw PseudonymKeyError.unreadable(keyFile: file.path)
        }
        // Decoding errors would echo bytes of the key; a key file that is not UTF-8 is simply unreadable.
        guard let text = String(data: data, encoding: .utf8) else {
            throw PseudonymKeyError.unreadable(keyFile: file.path)
        }
        return try PseudonymKey(text: text, source: "the key file \(file.path)")
    }

    /// Creates a new random key file readable and writable by its owner only (mode 0600), and returns the key.
    ///
    /// Refuses to replace an existing file: a new key changes every pseudonym, which would break researchers'
    /// links between runs.
    @discardableResult
    package static func generate(writingTo url: URL) throws -> PseudonymKey {
        let random = SymmetricKey(size: .bits256)
        let hex = random.withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
        let text = hex + "\n"
        // O_EXCL makes "refuse to overwrite" atomic; the mode is given at creation so the key is never readable
        // by others, not even for a moment.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw PseudonymKeyError.keyFileExists(url.path) }
            throw PseudonymKeyError.cannotCreate(keyFile: url.path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        // The umask can only remove bits, but be explicit in case the file system starts from something else.
        _ = fchmod(descriptor, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            let reason = String(cString: strerror(errno))
            unlink(url.path)
            throw PseudonymKeyError.cannotCreate(keyFile: url.path, reason: reason)
        }
        return try PseudonymKey(text: text, source: "the new key file")
    }

    package var description: String { "PseudonymKey(redacted)" }
    package var debugDescription: String { description }
}

/// Holds the key immutably; swift-crypto's `SymmetricKey` is not marked `Sendable` on every platform, but a value
/// that is never mutated after creation is safe to share.
final class KeyMaterial: @unchecked Sendable {
    let symmetricKey: SymmetricKey

    init(_ symmetricKey: SymmetricKey) {
        self.symmetricKey = symmetricKey
    }
}
