import Crypto
import Foundation

/// `run-manifest.json`: what a run read, wrote and decided, so any report can be traced back.
struct RunManifest: Codable, Sendable {
    static let fileName = "run-manifest.json"

    var spiegelVersion: String
    var runID: String
    /// Publication order: one more than any run published before in the same output folder. Pruning goes by
    /// this, not by the clock, which can jump.
    var sequence: Int
    /// ``Pseudonymizer/keyFingerprint`` of the key the researcher files were made with (never the key);
    /// `nil` when none were written.
    var pseudonymKeyFingerprint: String?
    /// Hex SHA-256 of the configuration file's bytes.
    var configurationHash: String
    var configurationFile: String
    var startedAt: Date
    var finishedAt: Date
    var inputs: [InputFileSummary]
    var outputs: [Output]
    /// Seconds per stage: ingest, analysis, csv, workbooks, total.
    var timings: [String: Double]
    var warnings: [String]
    /// What needs no action but should be known, e.g. an optional source without files.
    var notes: [String]
    /// One line per alarm (``NightAlarm``); empty on a night without alarm.
    var alarms: [String] = []
    /// Whether the run was kept aside under `runs/` without switching `latest` (an alarm night).
    var held = false
    var summary: Summary

    /// The few fields a later run reads back from a published run's manifest.
    struct Stamp: Decodable, Sendable {
        var runID: String
        var startedAt: Date
        /// Absent in manifests written before publication numbers existed; they count as the oldest.
        var sequence: Int?
        var pseudonymKeyFingerprint: String?

        // As `encoded()` writes them; `convertFromSnakeCase` would look for `runId`.
        enum CodingKeys: String, CodingKey {
            case runID = "run_id", startedAt = "started_at", sequence, pseudonymKeyFingerprint = "pseudonym_key_fingerprint"
        }

        static func decode(_ data: Data) throws -> Stamp {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Stamp.self, from: data)
        }
    }

    struct Output: Codable, Sendable {
        /// Relative to the run folder.
        var path: String
        var size: Int
        var sha256: String
    }

    struct Summary: Codable, Sendable {
        var forms: Int
        var rowsRead: Int
        var rowsQuarantined: Int
        var quarantineByReason: [String: Int]
        var schools: Int
        var workbooks: Int
        /// Quarantined rows whose reason needs the coordinator's action (``QuarantineReason/needsAction``).
        var rowsNeedingAction: Int
        var exitStatus: Int32
    }

    /// Every file under `folder` by path relative to it, sorted; other entries (links, folders) are left out
    /// by `files`, and listed in `others`.
    static func listing(of folder: URL) -> (files: [String], others: [String]) {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey])
        else { return ([], []) }
        var files: [String] = [], others: [String] = []
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey])
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if values?.isRegularFile == true && values?.isSymbolicLink != true {
                files.append(relative)
            } else if values?.isDirectory != true || values?.isSymbolicLink == true {
                others.append(relative)
            }
        }
        return (files.sorted(), others.sorted())
    }

    /// The size and SHA-256 of one file of a run.
    static func output(_ path: String, in folder: URL) throws -> Output {
        let (size, digest) = try FileDigest.sha256(of: folder.appendingPathComponent(path))
        return Output(path: path, size: size, sha256: digest)
    }

    /// The manifest as stable, readable JSON.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}

/// SHA-256 of files, read in chunks so large exports need no more memory than the chunk.
enum FileDigest {
    static func sha256(of url: URL) throws -> (size: Int, hex: String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (size, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }

    static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
