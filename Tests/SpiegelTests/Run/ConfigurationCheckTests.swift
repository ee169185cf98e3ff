import Foundation
import Testing

@testable import Spiegel

@Suite("spiegel check")
struct ConfigurationCheckTests {
    @Test func theShippedConfigurationPassesWithPerSourceCounts() throws {
        let job = try SampleJob()
        let outcome = ConfigurationCheck(configurationFile: job.configuration).perform()
        // The code `spiegel run` gives the sample: its planted rows need action.
        #expect(outcome.status == .actionNeeded)
        #expect(!FileManager.default.fileExists(atPath: job.reports.path), "check writes nothing")
        #expect(job.run().status == outcome.status)
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        for source in configuration.sources {
            #expect(outcome.text.contains("Source \(source.name) → instrument \(source.instrument)"))
        }
        #expect(outcome.text.contains("UTF-8 with BOM, ';', CRLF"), "the Microsoft Forms exports' dialect")
        #expect(outcome.text.contains("60 rows: 56 would be used, 4 quarantined"))
    }

    @Test func aMisspelledKeyFailsNamingTheKeyItsLineAndTheNearestValidKey() throws {
        let job = try SampleJob { $0.replacingOccurrences(of: "minimum_group_size", with: "minimum_groupsize") }
        let lines = try String(contentsOf: job.configuration, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("minimum_groupsize") }) + 1
        let outcome = ConfigurationCheck(configurationFile: job.configuration).perform()
        #expect(outcome.status == .configurationError)
        #expect(outcome.status.rawValue != 0)
        #expect(outcome.text.contains("Pipeline.yml:\(line):"))
        #expect(outcome.text.contains("unknown key 'minimum_groupsize'"))
        #expect(outcome.text.contains("did you mean 'minimum_group_size'?"))
    }
}
