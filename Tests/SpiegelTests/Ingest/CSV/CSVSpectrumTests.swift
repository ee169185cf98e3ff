import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// csv-spectrum's conformance files: each CSV must parse to the records of its JSON twin.
@Suite("csv-spectrum (external)", .externalSuites)
struct CSVSpectrumTests {
    static let spectrum = TestSupport.sharedTestData("csv-spectrum")

    static var spectrumNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: spectrum.appendingPathComponent("csvs").path)) ?? []
        return files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Upstream errata: csv-spectrum's location_coordinates.json gives a phone number that is not the
    /// one in its CSV (2095257564, readable in the file), and is an object instead of an array.
    static let errata: [String: [String: String]] = ["location_coordinates": ["Contact Phone Number": "2095257564"]]

    @Test func spectrumHasAllTwelveFiles() {
        #expect(Self.spectrumNames.count == 12)
    }

    @Test("csv-spectrum: each CSV parses to its JSON", arguments: spectrumNames)
    func spectrumFile(name: String) throws {
        let csvURL = Self.spectrum.appendingPathComponent("csvs/\(name).csv")
        let jsonData = try Data(contentsOf: Self.spectrum.appendingPathComponent("json/\(name).json"))
        let json = try JSONSerialization.jsonObject(with: jsonData)
        var expected = (json as? [[String: String]]) ?? [json as? [String: String] ?? [:]]
        for (key, value) in Self.errata[name] ?? [:] {
            expected = expected.map {
                var row = $0
                row[key] = value
                return row
            }
        }
        let original = try Data(contentsOf: csvURL)
        // The shared copy lost the CRs of the *_crlf files (git line-end normalisation). Read it as it is,
        // expecting LF inside fields, and also with the CRs restored, expecting the JSON exactly.
        var variants: [(bytes: [UInt8], expected: [[String: String]])] = []
        if !original.contains(0x0D) {
            variants.append((Array(original), expected.map { $0.mapValues { $0.replacingOccurrences(of: "\r\n", with: "\n") } }))
        }
        if name.hasSuffix("_crlf") || original.contains(0x0D) {
            let crlf = Array(
                String(decoding: original, as: UTF8.self)
                    .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            variants.append((crlf, expected))
        }
        for variant in variants {
            let reader = try CSVReader(url: try temporaryFile("\(name).csv", bytes: variant.bytes))
            #expect(reader.dialect.delimiter == UInt8(ascii: ","))
            let records = try reader.allRecords()
            let header = try #require(records.first)
            let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
            #expect(rows == variant.expected, "\(name)")
            #expect(records.dropFirst().allSatisfy { $0.count == header.count })
        }
    }
}
