import Foundation
import SpiegelTestSupport
import SyntheticData

@testable import Spiegel

/// A generated job over the shipped instruments (``SyntheticDataSet``), written into a folder of its own.
enum GeneratedJob {
    /// The shipped instrument files, in name order.
    static func instrumentFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: TestSupport.packageRoot.appendingPathComponent("Data/instruments"), includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "yml" }.sorted { $0.path < $1.path }
    }

    /// Writes a job of `subjects` wpbs over `waves` waves into `folder`; `adjust` may change the parameters
    /// first. With `key`, a pseudonym key is written beside `Pipeline.yml` as `.spiegel-key`.
    /// - Returns: the job's `Pipeline.yml`.
    @discardableResult
    static func write(
        subjects: Int, waves: Int, seed: UInt64, to folder: URL, key: Bool = true,
        adjust: (inout SyntheticDataSet.Parameters) -> Void = { _ in }
    ) throws -> URL {
        let files = try instrumentFiles()
        var parameters = SyntheticDataSet.Parameters(subjects: subjects, waves: waves, seed: seed)
        parameters.instrumentFiles = files
        adjust(&parameters)
        _ = try SyntheticDataSet(instruments: try files.map { try Instrument.load(from: $0) }, parameters: parameters)
            .write(to: folder)
        if key { _ = try PseudonymKey.generate(writingTo: folder.appendingPathComponent(".spiegel-key")) }
        return folder.appendingPathComponent("Pipeline.yml")
    }
}
