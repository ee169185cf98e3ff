import Crypto
import Foundation

/// `run-manifest.json`: what a run read, wrote and decided, so any report can be traced back.
public struct RunManifest: Codable, Sendable {
    public var spiegelVersion: String
    public var runID: String
    /// Hex SHA-256 of the configuration file's bytes.
    public var configurationHash: String
    public var configurationFile: String
    public var startedAt: Date
    public var finishedAt: Date
    public var inputs: [InputFileSummary]
    public var outputs: [Output]
    /// Seconds per stage: ingest, analysis, csv, workbooks, total.
    public var timings: [String: Double]
    public var warnings: [String]
    public var summary: Summary

    public struct Output: Codable, Sendable {
        /// Relative to the run folder.
        public var path: String
        public var size: Int
        public var sha256: String
    }

    public struct Summary: Codable, Sendable {
        public var forms: Int
        public var rowsRead: Int
        public var rowsQuarantined: Int
        public var quarantineByReason: [String: Int]
        public var schools: Int
        public var workbooks: Int
        public var exitStatus: Int32
    }

    /// Lists every file under `folder` (except the manifest itself) with size and SHA-256, sorted by path.
    public static func outputs(in folder: URL, excluding excluded: Set<String> = ["run-manifest.json"]) throws -> [Output] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var outputs: [Output] = []
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            guard !excluded.contains(relative) else { continue }
            let (size, digest) = try FileDigest.sha256(of: url)
            outputs.append(Output(path: relative, size: size, sha256: digest))
        }
        return outputs.sorted { $0.path < $1.path }
    }

    /// The manifest as stable, readable JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}

/// SHA-256 of files, read in chunks so large exports need no more memory than the chunk.
public enum FileDigest {
    public static func sha256(of url: URL) throws -> (size: Int, hex: String) {
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

    public static func sha256(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
