import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite("Pseudonyms and keys")
struct PseudonymTests {
    private let key = ResearchFixture.keyText

    @Test("a pseudonym is p- and the first 80 bits of HMAC-SHA256 in lowercase base32, as Python computes it")
    func knownAnswer() throws {
        let pseudonymizer = Pseudonymizer(key: try PseudonymKey(text: key))
        let identifiers = ["a.jansen@hetfictief.nl", "01AB", "émile.dupont@école.fr"]
        let expected = try TestSupport.runPython(
            """
            import base64, hashlib, hmac, sys, unicodedata
            key = sys.argv[1].encode()
            for identifier in sys.argv[2:]:
                mac = hmac.new(key, unicodedata.normalize('NFC', identifier.strip().lower()).encode(), hashlib.sha256).digest()
                print('p-' + base64.b32encode(mac).decode().lower()[:16])
            """, arguments: [key] + identifiers)
        #expect(identifiers.map { pseudonymizer.pseudonym(for: $0) } == expected.split(separator: "\n").map(String.init))
    }

    @Test("normalisation: case, surrounding space and Unicode composition do not change the pseudonym")
    func normalisation() throws {
        let pseudonymizer = Pseudonymizer(key: try PseudonymKey(text: key))
        let reference = pseudonymizer.pseudonym(for: "a.jansen@hetfictief.nl")
        #expect(pseudonymizer.pseudonym(for: "  A.Jansen@HetFictief.NL\t") == reference)
        #expect(pseudonymizer.pseudonym(for: "a.jansen@hetfictief.n1") != reference)
        // é precomposed and as e + combining acute accent.
        #expect(pseudonymizer.pseudonym(for: "Ren\u{E9}@x.nl") == pseudonymizer.pseudonym(for: "rene\u{301}@x.nl"))
        #expect(reference.wholeMatch(of: /p-[a-z2-7]{16}/) != nil)
    }

    @Test("another key gives other pseudonyms and another fingerprint")
    func otherKey() throws {
        let first = Pseudonymizer(key: try PseudonymKey(text: key))
        let second = Pseudonymizer(key: try PseudonymKey(text: ResearchFixture.otherKeyText))
        #expect(first.pseudonym(for: "a.jansen@hetfictief.nl") != second.pseudonym(for: "a.jansen@hetfictief.nl"))
        #expect(first.keyFingerprint != second.keyFingerprint)
        #expect(first.keyFingerprint == Pseudonymizer(key: try PseudonymKey(text: key + "\n")).keyFingerprint)
    }

    @Test("the environment variable wins over the key file; both give the same pseudonyms for the same text")
    func loading() throws {
        let folder = try TestSupport.temporaryFolder("keys")
        let file = folder.appendingPathComponent("key")
        try (key + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(chmod(file.path, 0o600) == 0, "a key file others can read is refused")
        let settings = PipelineConfiguration.Pseudonymisation(keyFile: file, keyEnvironmentVariable: "TEST_SPIEGEL_KEY")
        let fromFile = try PseudonymKey.load(settings, environment: [:])
        let fromVariable = try PseudonymKey.load(settings, environment: ["TEST_SPIEGEL_KEY": key])
        let other = try PseudonymKey.load(settings, environment: ["TEST_SPIEGEL_KEY": ResearchFixture.otherKeyText])
        let blank = try PseudonymKey.load(settings, environment: ["TEST_SPIEGEL_KEY": "  "])
        func pid(_ key: PseudonymKey) -> String { Pseudonymizer(key: key).pseudonym(for: "x@y.nl") }
        #expect(pid(fromFile) == pid(fromVariable))
        #expect(pid(other) != pid(fromFile))
        #expect(pid(blank) == pid(fromFile))
    }

    @Test("without a key the error says how to create one")
    func missingKey() throws {
        let absent = URL(fileURLWithPath: "/nonexistent/.spiegel-key")
        #expect(throws: PseudonymKeyError.missing(environmentVariable: "K", keyFile: absent.path)) {
            try PseudonymKey.load(.init(keyFile: absent, keyEnvironmentVariable: "K"), environment: [:])
        }
        let withFile = PseudonymKeyError.missing(environmentVariable: "K", keyFile: absent.path).description
        #expect(withFile.contains("spiegel keygen --output /nonexistent/.spiegel-key"))
        #expect(withFile.contains("K"))
        let withoutFile = PseudonymKeyError.missing(environmentVariable: "K", keyFile: nil).description
        #expect(withoutFile.contains("spiegel keygen --output PATH"))
    }

    @Test("a short key is refused, and neither the error nor the key's description shows it")
    func secrecy() throws {
        let short = "tooShortSecret-31-bytes-long..."
        #expect(short.utf8.count == 31)
        do {
            _ = try PseudonymKey.load(.init(keyEnvironmentVariable: "K"), environment: ["K": short])
            Issue.record("a 31-byte key was accepted")
        } catch {
            #expect(error as? PseudonymKeyError == .tooShort(source: "the environment variable K", byteCount: 31))
            #expect(!"\(error)".contains(short))
            #expect(!error.localizedDescription.contains(short))
            #expect(!String(reflecting: error).contains(short))
        }
        let accepted = try PseudonymKey(text: key)
        for text in ["\(accepted)", String(reflecting: accepted), String(describing: [accepted])] {
            #expect(!text.contains(key))
            #expect(!text.contains(String(key.prefix(8))))
        }
    }

    @Test("keygen writes 256 random bits as hex, mode 0600, and refuses to overwrite")
    func generate() throws {
        let folder = try TestSupport.temporaryFolder("keygen")
        let file = folder.appendingPathComponent(".spiegel-key")
        let generated = try PseudonymKey.generate(writingTo: file)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.wholeMatch(of: /[0-9a-f]{64}\n/) != nil)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let loaded = try PseudonymKey.load(.init(keyFile: file), environment: [:])
        #expect(Pseudonymizer(key: loaded).pseudonym(for: "x") == Pseudonymizer(key: generated).pseudonym(for: "x"))
        #expect(throws: PseudonymKeyError.keyFileExists(file.path)) { try PseudonymKey.generate(writingTo: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        let second = folder.appendingPathComponent("second")
        try PseudonymKey.generate(writingTo: second)
        #expect(try String(contentsOf: second, encoding: .utf8) != text)
    }
}
