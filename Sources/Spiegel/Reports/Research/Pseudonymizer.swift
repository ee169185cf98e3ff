import Crypto
import Foundation

/// Turns identifiers (e-mail addresses, school ids) into pseudonyms such as `p-k3q7m2x9abcdefgh`.
///
/// A pseudonym is HMAC-SHA256 under the ``PseudonymKey`` of the normalised identifier (trimmed, lowercased,
/// Unicode NFC), so the same person gets the same pseudonym across runs and waves as long as the key is the same,
/// and nobody without the key can compute or reverse one (a plain hash of an e-mail address could be looked up).
///
/// Length: the first 80 bits of the MAC in lowercase base32 (RFC 4648 alphabet), 16 characters. By the birthday
/// bound, n identifiers collide with probability about n² / 2⁸¹: for a million people 10¹² / 2.4·10²⁴ ≈ 4·10⁻¹³,
/// for ten million still below 10⁻¹⁰. Base32 avoids case and the look-alike characters 0/1/8/9.
struct Pseudonymizer: Sendable {
    /// Characters after the prefix.
    static let length = 16
    static let prefix = "p-"
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    private let material: PseudonymKey

    init(key: PseudonymKey) {
        self.material = key
    }

    private var key: SymmetricKey { material.symmetricKey }

    /// The pseudonym of an identifier; identifiers that differ only in case or surrounding space share it.
    func pseudonym(for identifier: String) -> String {
        let normalised = Self.normalise(identifier)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(normalised.utf8), using: key)
        return Self.prefix + Self.base32(mac, characters: Self.length)
    }

    /// A public fingerprint of the key: equal fingerprints mean comparable pseudonyms across exports.
    ///
    /// It is a MAC of a fixed label, which reveals nothing about the key; the leading NUL keeps it apart from
    /// every identifier's pseudonym.
    var keyFingerprint: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\u{0}spiegel-key-fingerprint".utf8), using: key)
        return "k-" + Self.base32(mac, characters: 8)
    }

    /// As ingest normalises identifiers (``Identifier/normalized(_:)``: trimmed, lowercased), and in NFC so
    /// that an `é` typed two ways is one person.
    static func normalise(_ identifier: String) -> String {
        let normalized = Identifier.normalized(identifier)
        // E-mail addresses are nearly always ASCII, which NFC leaves alone; skip the work then.
        if normalized.utf8.allSatisfy({ $0 < 0x80 }) { return normalized }
        return normalized.precomposedStringWithCanonicalMapping
    }

    private static func base32<Bytes: Sequence>(_ bytes: Bytes, characters: Int) -> String where Bytes.Element == UInt8 {
        var output = [UInt8]()
        output.reserveCapacity(characters)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = (accumulator << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 && output.count < characters {
                bits -= 5
                output.append(alphabet[Int((accumulator >> UInt32(bits)) & 0x1F)])
            }
            accumulator &= (1 << UInt32(bits)) - 1
            if output.count == characters { break }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
