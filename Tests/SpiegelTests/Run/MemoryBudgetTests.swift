import Foundation
import Testing

@testable import Spiegel

/// A run that would not fit in the memory it may use stops before the analysis with exit 70 and a message naming
/// the need, the limit and the remedy; `latest` stays as it was.
@Suite("Memory budget")
struct MemoryBudgetTests {
    @Test func aSmallConfiguredLimitStopsCleanlyWithTheMessage() throws {
        let job = try SampleJob()
        #expect(job.run().status == .actionNeeded)
        let published = try SampleJob.snapshot(of: job.latest)
        let text = try String(contentsOf: job.configuration, encoding: .utf8)
        try (text + "night: {memory_limit: 8 MB}\n").write(to: job.configuration, atomically: true, encoding: .utf8)
        let outcome = job.run()
        #expect(outcome.status == .internalError)
        #expect(outcome.status.rawValue == 70)
        #expect(outcome.published == nil)
        // Need from the counts: 160 MB + 410 forms · 3 KB + subject-waves · 1 KB, more than the 8 MB allowed.
        #expect(outcome.summary.contains("Not enough memory: this run needs about 16"), "\(outcome.summary)")
        #expect(outcome.summary.contains("for 410 forms"))
        #expect(outcome.summary.contains("may use 8 MB (night.memory_limit in Pipeline.yml)"))
        #expect(outcome.summary.contains("To fix: run it where more memory is free"))
        #expect(try SampleJob.snapshot(of: job.latest) == published, "latest untouched")
        // Positive control: a limit the need fits publishes.
        try (text + "night: {memory_limit: 2 GB}\n").write(to: job.configuration, atomically: true, encoding: .utf8)
        #expect(job.run().status == .actionNeeded)
    }

    @Test func theNeedGrowsWithFormsAndPersonalWorkbooks() {
        let counts = MemoryBudget.Counts(
            forms: 100_000, subjectWaves: 30_000, workbooks: 200, personalWorkbooks: false, researchData: true)
        // 160 MiB + 100,000 · 3 KiB + 30,000 · 1 KiB = 160 + 292.97 + 29.30 MiB = 482.27 MiB, shown as 482 MB.
        #expect(MemoryBudget.need(counts) == 167_772_160 + 307_200_000 + 30_720_000)
        var personal = counts
        personal.personalWorkbooks = true
        #expect(MemoryBudget.need(personal) == MemoryBudget.need(counts) + 30_000 * 20_480)
        // MT workbooks keep the mirrored-item gaps: 10 KiB per wpb-wave, included in personal workbooks' 20 KiB.
        var items = counts
        items.itemGaps = true
        #expect(MemoryBudget.need(items) == MemoryBudget.need(counts) + 30_000 * 10_240)
        var both = personal
        both.itemGaps = true
        #expect(MemoryBudget.need(both) == MemoryBudget.need(counts) + 30_000 * 20_480)
        let limit = MemoryBudget.Limit(bytes: 512 << 20, source: "test")
        #expect(MemoryBudget.problem(counts, limit: limit) == nil)
        let problem = MemoryBudget.problem(personal, limit: limit)
        #expect(problem?.contains("switch personal_workbooks off (the need would be about 482 MB)") == true, "\(problem ?? "")")
    }

    @Test func sizesReadAsPeopleWriteThem() {
        #expect(MemorySize.bytes("4 GB") == 4 << 30)
        #expect(MemorySize.bytes("512MB") == 512 << 20)
        #expect(MemorySize.bytes("1.5 GiB") == 3 << 29)
        #expect(MemorySize.bytes("1073741824") == 1 << 30)
        #expect(MemorySize.bytes("lots") == nil)
        #expect(MemorySize.bytes("4 GX") == nil)
        #expect(MemorySize.text(3 << 29) == "1.5 GB")
        #expect(MemorySize.text(8 << 20) == "8 MB")
    }
}
