import Foundation

/// What a run did, gathered stage by stage: becomes `summary.txt`, `run-manifest.json` and stdout.
struct RunReport {
    /// Written last, by ``writeSummaryAndManifest(into:)``, so they are hashed as finally written.
    static let closingFiles: Set<String> = ["run.log", "summary.txt", RunManifest.fileName]

    let runID: String
    var configuration: PipelineConfiguration
    let configurationHash: String
    var sequence = 1
    var startedAt = Date()
    var finishedAt = Date()
    var inputs: [InputFileSummary] = []
    var forms = 0
    var quarantineByReason: [String: Int] = [:]
    var timings: [String: Double] = [:]
    var warnings: [String] = []
    var notes: [String] = []
    var schools = 0
    var workbooks = 0
    var researchFiles = 0
    var publicFiles = 0
    /// E-mail addresses and phone numbers masked in the researchers' comments; `nil` when no comments are written.
    var maskedInComments: Int?
    /// People on the reminder list, when one was written.
    var reminders: Int?
    var keyFingerprint: String?
    /// Tonight's alarms (``NightAlarm``): any one ends the run with ``ExitStatus/alarm``.
    var alarms: [NightAlarm] = []
    /// Whether the run is kept under `runs/` without switching `latest` (an alarm night, by default).
    var held: Bool { !alarms.isEmpty && !configuration.night.publishOnAlarm }
    /// Every output staged so far, recorded (with its hash) at the end of the stage that wrote it.
    private(set) var outputs: [String: RunManifest.Output] = [:]
    /// Each recorded output's stamp when it was recorded: the publish check re-hashes only files whose stamp moved.
    private(set) var stamps: [String: FileStamp] = [:]

    init(runID: String, configuration: PipelineConfiguration, configurationHash: String) {
        self.runID = runID
        self.configuration = configuration
        self.configurationHash = configurationHash
    }

    mutating func record(_ ingest: IngestResult, seconds: Double) {
        inputs = ingest.files
        forms = ingest.table.count
        for record in ingest.quarantine { quarantineByReason[record.reason.rawValue, default: 0] += 1 }
        timings["ingest"] = seconds
    }

    /// Records the files a stage says it has just written into `folder` (paths relative to it), with their hashes
    /// (taken while writing where the writer could, ``WrittenDigests``) and stamps, so that a file removed or changed later fails the check before publishing (``PublishCheck``).
    ///
    /// The list comes from the writers, not from the folder: a file removed before its stage records it is
    /// missing here, and stops the run, rather than leaving a manifest that agrees with an incomplete folder.
    /// - Throws: ``RunError/verificationFailed(_:)`` naming every declared file that is not there.
    mutating func record(_ paths: [String], in folder: URL) throws {
        var missing: [String] = []
        for path in paths where outputs[path] == nil && !Self.closingFiles.contains(path) {
            let url = folder.appendingPathComponent(path)
            guard let stamp = FileStamp.of(url) else {
                missing.append("\(path) was written by its stage but is missing")
                continue
            }
            // Hashed while written (a CSV) or, for files another library wrote, now: once either way.
            if let digest = WrittenDigests.take(url, stamp: stamp) {
                outputs[path] = RunManifest.Output(path: path, size: digest.size, sha256: digest.sha256)
            } else {
                guard let output = try? RunManifest.output(path, in: folder), output.size == stamp.size else {
                    missing.append("\(path) was written by its stage but is missing")
                    continue
                }
                outputs[path] = output
            }
            stamps[path] = stamp
        }
        guard missing.isEmpty else { throw RunError.verificationFailed(missing) }
    }

    var rowsRead: Int { inputs.reduce(0) { $0 + $1.rowsRead } }
    var rowsQuarantined: Int { inputs.reduce(0) { $0 + $1.rowsQuarantined } }
    var rowsNeedingAction: Int {
        quarantineByReason.reduce(0) { sum, entry in
            sum + (QuarantineReason(rawValue: entry.key)?.needsAction == false ? 0 : entry.value)
        }
    }

    var exitStatus: ExitStatus {
        if !alarms.isEmpty { return .alarm }
        return rowsNeedingAction > 0 || !warnings.isEmpty ? .actionNeeded : .success
    }

    /// Writes `summary.txt` and `run-manifest.json` into the staged run, after `run.log` is closed; the manifest
    /// lists every output recorded by the stages plus the log and the summary as they now are.
    /// - Returns: the manifest's bytes as written.
    func writeSummaryAndManifest(into folder: URL) throws -> Data {
        try Data(summaryBody().utf8).write(to: folder.appendingPathComponent("summary.txt"))
        var listed = outputs
        for path in ["run.log", "summary.txt"]
        where FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) {
            listed[path] = try RunManifest.output(path, in: folder)
        }
        var timings = self.timings
        timings["total"] = finishedAt.timeIntervalSince(startedAt)
        let manifest = RunManifest(
            spiegelVersion: PipelineRun.version, runID: runID, sequence: sequence, pseudonymKeyFingerprint: keyFingerprint,
            configurationHash: configurationHash, configurationFile: configuration.file.path,
            startedAt: startedAt, finishedAt: finishedAt, inputs: inputs,
            outputs: listed.values.sorted { $0.path < $1.path }, timings: timings, warnings: warnings, notes: notes,
            alarms: alarms.map(\.message), held: held,
            summary: .init(
                forms: forms, rowsRead: rowsRead, rowsQuarantined: rowsQuarantined,
                quarantineByReason: quarantineByReason, schools: schools, workbooks: workbooks,
                rowsNeedingAction: rowsNeedingAction, exitStatus: exitStatus.rawValue))
        let data = try manifest.encoded()
        try data.write(to: folder.appendingPathComponent(RunManifest.fileName))
        return data
    }

    /// The one-screen summary for stdout: alarms first, counts per file, what was written, warnings, where to look.
    /// - Parameter previous: the run `latest` still names when this one is held back.
    func summaryText(published: URL, latest: URL, previous: String? = nil) -> String {
        let place: String
        if held {
            let output = latest.deletingLastPathComponent().path
            place =
                "Kept aside, NOT published: \(published.path)\n  \(latest.path) still names "
                + (previous.map { "the last trusted night, runs/\($0)" } ?? "no run yet") + ".\n"
                + "  Fix the cause and run again; to publish this run as it is (school workbooks then say the data\n"
                + "  is under review): cd \(output) && ln -sfn runs/\(runID) latest.tmp && mv -T latest.tmp latest\n"
        } else {
            place = "Published: \(published.path)\n  (also at \(latest.path))\n"
        }
        return summaryBody() + place + "Exit \(exitStatus.rawValue): \(exitStatus.meaning).\n"
    }

    private func summaryBody() -> String {
        var lines = ["Spiegel \(PipelineRun.version) · run \(runID) · \(configuration.file.lastPathComponent)"]
        if !alarms.isEmpty {
            // First, so a mail or a log shows them before anything else.
            let what = alarms.count == 1 ? "1 alarm" : "\(alarms.count) alarms"
            lines.append(
                "ALARM (\(what)): "
                    + (held
                        ? "tonight's run is kept aside and NOT published; latest still names the last trusted night."
                        : "published as night.publish_on_alarm asks; school workbooks say the data is under review."))
            lines += alarms.map { "  - \($0.message)" }
        }
        lines.append("")
        let width = max(20, inputs.map(\.path.count).max() ?? 0)
        lines.append("Input".padding(toLength: width, withPad: " ", startingAt: 0) + "    read    used  quarantined")
        for input in inputs {
            lines.append(
                input.path.padding(toLength: width, withPad: " ", startingAt: 0)
                    + pad(input.rowsRead, 8) + pad(input.rowsUsed, 8) + pad(input.rowsQuarantined, 13))
        }
        lines.append(
            "Total".padding(toLength: width, withPad: " ", startingAt: 0)
                + pad(rowsRead, 8) + pad(rowsRead - rowsQuarantined, 8) + pad(rowsQuarantined, 13))
        lines.append("")
        lines.append("Forms used: \(forms) · schools with data: \(schools)")
        let removed = inputs.reduce(0) { $0 + $1.controlCharactersRemoved }
        if removed > 0 { lines.append("Control characters removed from open answers: \(removed)") }
        let reasons = quarantineByReason.sorted { $0.key < $1.key }
        let action = reasons.filter { QuarantineReason(rawValue: $0.key)?.needsAction != false }
        let routine = reasons.filter { QuarantineReason(rawValue: $0.key)?.needsAction == false }
        func list(_ entries: [(key: String, value: Int)]) -> String {
            entries.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if !action.isEmpty {
            lines.append("Needs your action: \(rowsNeedingAction) rows (\(list(action))) → quarantine.csv, action_needed = yes")
        }
        if !routine.isEmpty {
            let count = routine.reduce(0) { $0 + $1.value }
            lines.append("Set aside, no action needed: \(count) rows (\(list(routine))) → quarantine.csv")
        }
        var written = ["\(workbooks) workbooks"]
        if researchFiles > 0 { written.append("\(researchFiles) researcher files in research/") }
        if publicFiles > 0 { written.append("\(publicFiles) public files in public/") }
        if let reminders { written.append("reminders.csv (\(reminders) people to remind)") }
        lines.append("Written: " + written.joined(separator: ", "))
        if let maskedInComments {
            lines.append("Free text: \(maskedInComments) e-mail addresses and phone numbers masked in research/comments.csv")
        }
        let seconds = timings.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value)) s" }
        if !seconds.isEmpty { lines.append("Timings: " + seconds.joined(separator: ", ")) }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines += notes.map { "  - \($0)" }
        }
        // What a file's reading was unsure of (an encoding close call) is a warning, not a row needing action.
        let fileNotes = inputs.flatMap(\.notes)
        if !warnings.isEmpty || !fileNotes.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += (warnings + fileNotes).map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
