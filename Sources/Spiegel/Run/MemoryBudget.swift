import Foundation

/// Whether a run fits in the memory it may use: the need estimated from the counts after reading the exports,
/// against the limit (`night.memory_limit`, else the cgroup's limit, else physical memory).
///
/// A run that would not fit stops before the analysis with exit 70 and a message naming the need, the limit and
/// the remedy, instead of being killed by the kernel half-way with no message (docs/operations.md, "Memory").
struct MemoryBudget {
    /// The counts the need is estimated from.
    struct Counts {
        var forms: Int
        /// Distinct (subject, wave) pairs: the analysis keeps running sums per pair.
        var subjectWaves: Int
        var workbooks: Int
        var personalWorkbooks: Bool
        var researchData: Bool
        /// Whether the analysis keeps mirrored-item gaps (MT or personal workbooks).
        var itemGaps = false
    }

    /// Fitted to the release build's measured peaks with a margin (docs/operations.md, "Memory"): `make bench`
    /// measured 299 MB at 69,057 forms and 2,802 MB at 968,168 forms (docs/benchmarks.md, 233 MB + 283 MB per
    /// 100,000 forms, with the release ledger), and ten years with personal workbooks peaked at 7.4 GB (issue 24),
    /// about 20 KB more per wpb-wave. What the process holds besides the data, per form read (the form and its share
    /// of the researcher tables), per subject and wave analysed, and per subject and wave again when personal
    /// workbooks keep item scores and comments.
    static let baseBytes: UInt64 = 160 << 20
    static let bytesPerForm: UInt64 = 3 << 10
    static let bytesPerSubjectWave: UInt64 = 1 << 10
    static let bytesPerPersonalSubjectWave: UInt64 = 20 << 10
    /// The mirrored-item gaps MT workbooks release items from (issue 23): 176 → 279 MB peak at 5,000 generated wpbs
    /// over two waves (debug build), about 10 KB per wpb-wave; personal workbooks' 20 KB were measured with them kept.
    static let bytesPerItemSubjectWave: UInt64 = 10 << 10

    /// The estimated peak of a run with these counts.
    static func need(_ counts: Counts) -> UInt64 {
        var bytes = baseBytes + UInt64(counts.forms) * bytesPerForm + UInt64(counts.subjectWaves) * bytesPerSubjectWave
        if counts.personalWorkbooks {
            bytes += UInt64(counts.subjectWaves) * bytesPerPersonalSubjectWave
        } else if counts.itemGaps {
            bytes += UInt64(counts.subjectWaves) * bytesPerItemSubjectWave
        }
        return bytes
    }

    /// The limit and where it comes from.
    struct Limit {
        var bytes: UInt64
        /// "night.memory_limit in Pipeline.yml", "the cgroup limit (/sys/fs/cgroup/memory.max)", "physical memory".
        var source: String
    }

    /// The configured limit, else the tightest cgroup limit, else physical memory.
    static func limit(configured: UInt64?) -> Limit {
        if let configured { return Limit(bytes: configured, source: "night.memory_limit in Pipeline.yml") }
        let physical = ProcessInfo.processInfo.physicalMemory
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                let bytes = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes < physical
            else { continue }
            return Limit(bytes: bytes, source: "the cgroup limit (\(path))")
        }
        return Limit(bytes: physical, source: "the machine's physical memory")
    }

    /// `nil` when the need fits the limit; otherwise the reason to stop, naming the need, the limit and what to do.
    static func problem(_ counts: Counts, limit: Limit) -> String? {
        let need = need(counts)
        guard need > limit.bytes else { return nil }
        var remedies = [
            "run it where more memory is free (a larger container or machine)",
            "raise night.memory_limit in Pipeline.yml if it was set lower than the machine allows",
        ]
        if counts.personalWorkbooks {
            let without = self.need(
                Counts(
                    forms: counts.forms, subjectWaves: counts.subjectWaves, workbooks: counts.workbooks,
                    personalWorkbooks: false, researchData: counts.researchData, itemGaps: counts.itemGaps))
            remedies.append("switch personal_workbooks off (the need would be about \(MemorySize.text(without)))")
        }
        remedies.append("or export fewer waves (older waves stay in earlier runs)")
        return "Not enough memory: this run needs about \(MemorySize.text(need)) for \(counts.forms) forms, "
            + "\(counts.subjectWaves) wpb-waves and \(counts.workbooks) workbooks"
            + (counts.personalWorkbooks ? " (personal workbooks on)" : "")
            + ", and may use \(MemorySize.text(limit.bytes)) (\(limit.source)). It stopped before the analysis "
            + "rather than be killed half-way. To fix: " + remedies.joined(separator: "; ") + "."
    }
}
