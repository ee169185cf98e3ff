import Crypto
import Foundation

/// `run-manifest.json`: what a run read, wrote and decided, so any report can be traced back.
package struct RunManifest: Codable, Sendable {
    package static let fileName = "run-manifest.json"

    package var spiegelVersion: String
    package var runID: String
    /// Publication order: one more than any run published before in the same output folder. Pruning goes by
    /// this, not by the clock, which can jump.
    package var sequence: Int
    /// ``Pseudonymizer/keyFingerprint`` of the key the researcher files were made with (never the key);
    /// `nil` when none were written.
    package var pseudonymKeyFingerprint: String?
    /// Hex SHA-256 of the configuration file's bytes.
    package var configurationHash: String
    package var configurationFile: String
    package var startedAt: Date
    package var finishedAt: Date
    package var inputs: [InputFileSummary]
    package var outputs: [Output]
    /// Seconds per stage: ingest, analysis, csv, workbooks, total.
    package var timings: [String: Double]
    package var warnings: [String]
    /// What needs no action but should be known, e.g. an optional source without files.
    package var notes: [String]
    /// One line per alarm (``NightAlarm``); empty on a night without alarm.
    package var alarms: [String] = []
    /// Whether the run was kept aside under `runs/` without switching `latest` (an alarm night).
    package var held = false
    package var summary: Summary

    /// The few fields a later run reads back from a published run's manifest.
    package struct Stamp: Decodable, Sendable {
        package var runID: String
        package var startedAt: Date
        /// Absent in manifests written before publication numbers existed; they count as the oldest.
        package var sequence: Int?
        package var pseudonymKeyFingerprint: String?

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

    package struct Output: Codable, Sendable {
        /// Relative to the run folder.
        package var path: String
        package var size: Int
        package var sha256: String
    }

    package struct Summary: Codable, Sendable {
        package var forms: Int
        package var rowsRead: Int
        package var rowsQuarantined: Int
        package var quarantineByReason: [String: Int]
        package var schools: Int
        package var workbooks: Int
        /// Quarantined rows whose reason needs the coordinator's action (``QuarantineReason/needsAction``).
        package var rowsNeedingAction: Int
        package var exitStatus: Int32
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
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}

/// SHA-256 of files, read in chunks so large exports need no more memory than the chunk.
package enum FileDigest {
    package static func sha256(of url: URL) throws -> (size: Int, hex: String) {
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

    package static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
