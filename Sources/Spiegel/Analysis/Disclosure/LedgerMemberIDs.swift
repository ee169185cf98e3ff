import Crypto
import Foundation

/// The ledger's names for wpbs: 64 bits of an HMAC-SHA256 of the normalised identifier, so the ledger never
/// holds an e-mail address, a name or a respondent id, and nobody without the key can link an id to a person.
///
/// Keyed by the pseudonym key (``PseudonymKey``) under its own label, so ledger ids are not research
/// pseudonyms either. Without a key the ids are keyed by a random salt kept in the ledger's fingerprint: still
/// no address in the file, but whoever holds the ledger and the roster could recompute them (docs/analysis.md).
/// Two wpbs share an id with probability about n² / 2⁶⁵: 10⁻¹⁰ for a hundred thousand.
struct LedgerMemberIDs: Sendable {
    private let material: KeyMaterial
    /// Recorded in the ledger: another key (or salt) gives other ids, so a ledger is only read with its own.
    let fingerprint: String

    init(key: PseudonymKey) {
        material = KeyMaterial(key.symmetricKey)
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\u{0}spiegel-ledger-fingerprint".utf8), using: key.symmetricKey)
        fingerprint = "key:" + mac.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Ids under a salt, for a job without a pseudonym key; `salt` nil makes a new random one.
    init(salt: String? = nil) {
        let text = salt ?? SymmetricKey(size: .bits128).withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        material = KeyMaterial(SymmetricKey(data: Array(text.utf8)))
        fingerprint = Self.saltPrefix + text
    }

    static let saltPrefix = "salt:"

    /// The salt of a salted fingerprint, to read a ledger made without a key.
    static func salt(of fingerprint: String) -> String? {
        fingerprint.hasPrefix(saltPrefix) ? String(fingerprint.dropFirst(saltPrefix.count)) : nil
    }

    /// The id of one wpb (its normalised identifier, as ``Pseudonymizer`` normalises).
    func id(_ identifier: String) -> UInt64 {
        let message = Array("spiegel-ledger\u{0}".utf8) + Array(Pseudonymizer.normalise(identifier).utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: material.symmetricKey)
        return mac.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
