import Foundation

/// What the machine the run is on offers for parallel work, so jobs are shared out by its cores rather than a
/// number fixed for the 2-core machine the pipeline was first timed on.
enum Machine {
    /// The cores the process may use (at least one).
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `0..<count` cut into at most `parts` contiguous, non-empty ranges of near-equal length, in order;
    /// joined in that order they give back `0..<count`, so results do not depend on how many parts there were.
    static func contiguousParts(of count: Int, into parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        guard count > 0 else { return [] }
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }
}

extension Machine {
    /// The process's peak resident memory so far in MB (`VmHWM` of `/proc/self/status`); `nil` where there is none.
    ///
    /// For the verbose log at each stage's end, so a coordinator (and the bench) can see which stage set the peak.
    static func peakResidentMB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 / 1024 }
    }
}
