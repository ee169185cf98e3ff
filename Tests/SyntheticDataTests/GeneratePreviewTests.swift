import Foundation
import SpiegelTestSupport
import SyntheticData
import Testing

@testable import Spiegel

/// Not a check: writes synthetic data with the shipped instruments to `$SPIEGEL_GENERATE_PREVIEW`
/// so a developer can look at the files. Skipped unless the variable is set.
@Suite("Generator preview")
struct GeneratePreviewTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SPIEGEL_GENERATE_PREVIEW"] != nil))
    func preview() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SPIEGEL_GENERATE_PREVIEW"]!)
        var parameters = SyntheticDataSet.Parameters.sample
        if let subjects = ProcessInfo.processInfo.environment["SPIEGEL_GENERATE_SUBJECTS"].flatMap(Int.init) {
            parameters = .init(
                subjects: subjects, waves: Int(ProcessInfo.processInfo.environment["SPIEGEL_GENERATE_WAVES"] ?? "1") ?? 1, seed: 1
            )
        }
        let started = Date()
        // The shipped instruments, copied along, so the folder is a job `spiegel run` can process.
        let instrumentFolder = TestSupport.packageRoot.appendingPathComponent("Data/instruments")
        parameters.instrumentFiles = try FileManager.default.contentsOfDirectory(
            at: instrumentFolder, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "yml" }.sorted { $0.path < $1.path }
        let instruments = try parameters.instrumentFiles.map { try Instrument.load(from: $0) }
        let summary = try SyntheticDataSet(instruments: instruments, parameters: parameters).write(to: folder)
        print("generated \(summary.forms) forms, \(summary.bytes) bytes in \(Date().timeIntervalSince(started)) s")
    }
}
