import Foundation

/// What a run did, gathered stage by stage: becomes `summary.txt`, `run-manifest.json` and stdout.
struct RunReport {
    let runID: String
    let configuration: PipelineConfiguration
    let configurationHash: String
    var startedAt = Date()
    var finishedAt = Date()
    var inputs: [InputFileSummary] = []
    var forms = 0
    var quarantineByReason: [String: Int] = [:]
    var timings: [String: Double] = [:]
    var warnings: [String] = []
    var schools = 0
    var workbooks = 0
    var researchFiles = 0

    init(runID: String, configuration: PipelineConfiguration, configurationHash: String) {
        self.runID = runID
        self.configuration = configuration
        self.configurationHash = configurationHash
    }

    mutating func record(_ ingest: IngestResult, seconds: Double) {
        inputs = ingest.files
        forms = ingest.forms.count
        for record in ingest.quarantine { quarantineByReason[record.reason.rawValue, default: 0] += 1 }
        timings["ingest"] = seconds
    }

    var rowsRead: Int { inputs.reduce(0) { $0 + $1.rowsRead } }
    var rowsQuarantined: Int { inputs.reduce(0) { $0 + $1.rowsQuarantined } }

    var exitStatus: ExitStatus {
        rowsQuarantined > 0 || !warnings.isEmpty ? .successWithQuarantine : .success
    }

    /// Writes `summary.txt` and `run-manifest.json` into the staged run; the manifest lists every other file.
    func writeSummaryAndManifest(into folder: URL) throws {
        try Data(summaryBody().utf8).write(to: folder.appendingPathComponent("summary.txt"))
        var timings = self.timings
        timings["total"] = finishedAt.timeIntervalSince(startedAt)
        let manifest = RunManifest(
            spiegelVersion: PipelineRun.version, runID: runID, configurationHash: configurationHash,
            configurationFile: configuration.file.path, startedAt: startedAt, finishedAt: finishedAt,
            inputs: inputs,
            outputs: try RunManifest.outputs(in: folder), timings: timings, warnings: warnings,
            summary: .init(forms: forms, rowsRead: rowsRead, rowsQuarantined: rowsQuarantined,
                           quarantineByReason: quarantineByReason, schools: schools, workbooks: workbooks,
                           exitStatus: exitStatus.rawValue))
        try manifest.encoded().write(to: folder.appendingPathComponent("run-manifest.json"))
    }

    /// The one-screen summary for stdout: counts per file, what was written, warnings, where to look.
    func summaryText(published: URL, latest: URL) -> String {
        summaryBody() + "Published: \(published.path)\n  (also at \(latest.path))\n"
            + "Exit \(exitStatus.rawValue): \(exitStatus.meaning).\n"
    }

    private func summaryBody() -> String {
        var lines = ["Spiegel \(PipelineRun.version) · run \(runID) · \(configuration.file.lastPathComponent)", ""]
        let width = max(20, inputs.map(\.path.count).max() ?? 0)
        lines.append("Input".padding(toLength: width, withPad: " ", startingAt: 0) + "    read    used  quarantined")
        for input in inputs {
            lines.append(input.path.padding(toLength: width, withPad: " ", startingAt: 0)
                + pad(input.rowsRead, 8) + pad(input.rowsUsed, 8) + pad(input.rowsQuarantined, 13))
        }
        lines.append("Total".padding(toLength: width, withPad: " ", startingAt: 0)
            + pad(rowsRead, 8) + pad(rowsRead - rowsQuarantined, 8) + pad(rowsQuarantined, 13))
        lines.append("")
        lines.append("Forms used: \(forms) · schools with data: \(schools)")
        let removed = inputs.reduce(0) { $0 + $1.controlCharactersRemoved }
        if removed > 0 { lines.append("Control characters removed from open answers: \(removed)") }
        if rowsQuarantined > 0 {
            let reasons = quarantineByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("Quarantined: \(rowsQuarantined) rows (\(reasons)) → quarantine.csv")
        }
        var written = ["\(workbooks) workbooks"]
        if researchFiles > 0 { written.append("\(researchFiles) researcher files in research/") }
        lines.append("Written: " + written.joined(separator: ", "))
        let seconds = timings.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value)) s" }
        if !seconds.isEmpty { lines.append("Timings: " + seconds.joined(separator: ", ")) }
        let notes = inputs.flatMap(\.notes)
        if !warnings.isEmpty || !notes.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += (warnings + notes).map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
