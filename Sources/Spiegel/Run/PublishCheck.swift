import Foundation

/// The check a staged run must pass before it is published: the folder holds exactly the files its
/// manifest lists, each with the listed size and SHA-256, and everything the summary claims.
///
/// The manifest lists what the stages recorded as they wrote (``RunReport/record(_:in:)``), not what the
/// folder holds at the end, so a file that vanished or changed after its stage is caught. What was recorded is
/// compared, not recomputed: a file still carrying its recorded stamp (size, modification time, inode) is not
/// hashed again; one whose stamp moved is hashed and must match. Nothing here knows
/// which reports a run writes: a new output folder is checked like any other.
struct PublishCheck {
    let folder: URL
    /// The manifest's bytes as the run wrote them.
    let manifest: Data
    /// Who may read what; `nil` leaves modes unchecked.
    var access: OutputAccess?
    /// The stamps of the outputs as their stages recorded them (``RunReport/stamps``): a file whose stamp has not
    /// moved is still the bytes the manifest lists and is not read again; any other file is hashed.
    var recorded: [String: FileStamp] = [:]

    /// Every difference, one sentence each; empty when the run may be published.
    func problems(claims: RunReport) -> [String] {
        var problems: [String] = []
        let onDisk: Data
        do {
            onDisk = try Data(contentsOf: folder.appendingPathComponent(RunManifest.fileName))
        } catch {
            return ["\(RunManifest.fileName) is missing"]
        }
        guard onDisk == manifest else { return ["\(RunManifest.fileName) differs from what the run wrote"] }
        let outputs: [RunManifest.Output]
        do {
            outputs = try Self.decodeOutputs(manifest)
        } catch {
            return ["\(RunManifest.fileName) cannot be read back: \(error)"]
        }

        let listing = RunManifest.listing(of: folder)
        let present = Set(listing.files)
        for output in outputs {
            guard present.contains(output.path) else {
                problems.append("\(output.path) is listed in the manifest but missing")
                continue
            }
            if let stamp = recorded[output.path], stamp.size == output.size,
                FileStamp.of(folder.appendingPathComponent(output.path)) == stamp
            {
                continue
            }
            guard let actual = try? RunManifest.output(output.path, in: folder) else {
                problems.append("\(output.path) cannot be read")
                continue
            }
            if actual.size != output.size || actual.sha256 != output.sha256 {
                problems.append("\(output.path) changed after it was written (size \(output.size) → \(actual.size))")
            }
        }
        let listed = Set(outputs.map(\.path)).union([RunManifest.fileName])
        for path in listing.files where !listed.contains(path) { problems.append("\(path) is not in the manifest") }
        for path in listing.others { problems.append("\(path) is not a regular file") }

        // What the summary names must be among the outputs.
        let paths = outputs.map(\.path)
        for required in ["summary.txt", "run.log"] + QuarantineFile.fileNames where !paths.contains(required) {
            problems.append("\(required) is named by the summary but not among the outputs")
        }
        if claims.reminders != nil && !paths.contains(ReminderList.fileName) {
            problems.append("\(ReminderList.fileName) is named by the summary but not among the outputs")
        }
        // Files every run of this configuration writes, whatever a stage recorded.
        var expected = [ReleaseLedger.fileName]
        if claims.configuration.release.publicAggregates { expected.append(ReleaseProfile.public.folder + "/README.md") }
        if claims.researchFiles > 0 { expected.append("research/README.md") }
        for profile in [ReleaseProfile.coordinator, .management]
        where paths.contains(where: { $0.hasPrefix(profile.folder + "/") && $0.hasSuffix(".xlsx") }) {
            expected.append(profile.folder + "/README.md")
        }
        for path in expected where !paths.contains(path) { problems.append("\(path) is missing from the outputs") }
        let research = paths.filter { $0.hasPrefix("research/") }.count
        if research != claims.researchFiles {
            problems.append("the summary claims \(claims.researchFiles) researcher files; the outputs hold \(research)")
        }
        let workbooks = paths.filter { $0.hasSuffix(".xlsx") }.count
        if workbooks != claims.workbooks {
            problems.append("the summary claims \(claims.workbooks) workbooks; the outputs hold \(workbooks)")
        }
        if let access { problems += access.problems(in: folder) }
        return problems
    }

    private static func decodeOutputs(_ data: Data) throws -> [RunManifest.Output] {
        struct Listed: Decodable { var outputs: [RunManifest.Output] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Listed.self, from: data).outputs
    }
}
