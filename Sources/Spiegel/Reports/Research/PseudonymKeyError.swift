import Foundation

/// Why no pseudonym key is available. Messages name where the key was looked for, never any of its bytes.
enum PseudonymKeyError: Error, Equatable, CustomStringConvertible {
    /// Neither the environment variable nor the key file holds a key.
    case missing(environmentVariable: String, keyFile: String?)
    /// The key is shorter than ``PseudonymKey/minimumByteCount``.
    case tooShort(source: String, byteCount: Int)
    /// The key file exists but cannot be read as text.
    case unreadable(keyFile: String)
    /// The key file's permissions let others than its owner read it (or write it).
    case readableByOthers(keyFile: String, mode: UInt16)
    /// `generate` would replace an existing key file.
    case keyFileExists(String)
    /// `generate` could not create the key file.
    case cannotCreate(keyFile: String, reason: String)

    var description: String {
        switch self {
        case let .missing(variable, keyFile?):
            "No pseudonym key: the environment variable \(variable) is not set and the key file \(keyFile) does not exist. "
                + "Researcher files are not written without a key. Create one with `spiegel keygen --output \(keyFile)` "
                + "and keep it: the same key gives the same pseudonyms in every run."
        case let .missing(variable, nil):
            "No pseudonym key: the environment variable \(variable) is not set and Pipeline.yml names no key file. "
                + "Researcher files are not written without a key. Create one with `spiegel keygen --output PATH` "
                + "and name it under pseudonymisation: key_file in Pipeline.yml, or put its text in \(variable)."
        case let .tooShort(source, count):
            "The pseudonym key in \(source) is \(count) bytes long; at least \(PseudonymKey.minimumByteCount) are needed. "
                + "Create a proper one with `spiegel keygen --output PATH`."
        case let .unreadable(keyFile):
            "The pseudonym key file \(keyFile) cannot be read as UTF-8 text; check its permissions, "
                + "or create a new one with `spiegel keygen --output PATH` (this changes all pseudonyms)."
        case let .readableByOthers(keyFile, mode):
            "The pseudonym key file \(keyFile) is open to others (mode \(String(mode, radix: 8))): anyone who can read it can "
                + "link pseudonyms to people. It is not used. Run `chmod 600 \(keyFile)`; if others may have read it, "
                + "rotate the key (docs/operations.md)."
        case let .keyFileExists(path):
            "The key file \(path) already exists; it is not replaced because a new key changes every pseudonym. "
                + "Remove it yourself if you really want a new key."
        case let .cannotCreate(keyFile, reason):
            "Cannot create the key file \(keyFile): \(reason)."
        }
    }
}

extension PseudonymKeyError: LocalizedError {
    var errorDescription: String? { description }
}
