import Foundation

/// All workbooks of one run, laid out for distribution: `partnership/`, `schools/<id name>/`, `personal/<school>/`.
///
/// School workbooks are independent files, so they are written on all cores; each file's bytes
/// depend only on its inputs, so the output stays identical whatever the thread schedule.
struct WorkbookSet {
    var result: AnalysisResult
    var configuration: PipelineConfiguration
    var runInfo: RunInfo
    /// What MT workbooks show: the night's release by ``DisclosureControl``, made with the release ledger, so a
    /// figure frozen on an earlier night stays as it was released.
    var release: ReleasedView
    /// What the night's alarm put under review (``DataReview``); empty on a night without alarm.
    var review = DataReview()

    init(result: AnalysisResult, configuration: PipelineConfiguration, runInfo: RunInfo, release: ReleasedView) {
        self.result = result
        self.configuration = configuration
        self.runInfo = runInfo
        self.release = release
    }

    /// Writes every workbook the configuration asks for; returns how many. `afterFirst` runs once
    /// after the first workbook is written (fault-injection tests use it).
    func write(into folder: URL, afterFirst: () -> Void = {}) throws -> Int {
        try writeFiles(into: folder, afterFirst: afterFirst).filter { $0.hasSuffix(".xlsx") }.count
    }

    /// Writes every workbook the configuration asks for, and each profile folder's README; returns the paths
    /// written, relative to `folder`, so a run can check that each is still there when it publishes.
    func writeFiles(into folder: URL, afterFirst: () -> Void = {}) throws -> [String] {
        let fm = FileManager.default
        let output = configuration.output
        guard output.partnershipWorkbook || output.schoolWorkbooks || output.personalWorkbooks else { return [] }
        let context = ReportContext(
            result: result, configuration: configuration, runInfo: runInfo, release: release, review: review,
            indexingSupervisors: output.personalWorkbooks)
        /// `distinction` tells a job apart when two jobs would get the same file name; personal jobs are written one
        /// at a time, so their item scores and comments never sit in memory for several workbooks at once.
        var jobs: [(url: URL, distinction: String, write: (URL) throws -> Void)] = []
        var firstPersonal = Int.max

        if output.partnershipWorkbook {
            let partnershipFolder = folder.appendingPathComponent("partnership", isDirectory: true)
            for partnership in configuration.registry.partnerships {
                let workbook = PartnershipWorkbook(
                    result: result, configuration: configuration, partnership: partnership, runInfo: runInfo,
                    release: release)
                jobs.append(
                    (
                        partnershipFolder.appendingPathComponent(WorkbookNaming.partnershipFileName(partnership)),
                        partnership.id, { try workbook.write(to: $0, context: context) }
                    ))
            }
        }
        if output.schoolWorkbooks {
            for school in configuration.registry.schools where context.schoolsWithData.contains(school.id) {
                let workbook = SchoolWorkbook(
                    result: result, configuration: configuration, school: school, runInfo: runInfo, release: release)
                // One folder per school, so a file share can sync exactly that school's folder.
                let schoolFolder = folder.appendingPathComponent("schools", isDirectory: true)
                    .appendingPathComponent((workbook.fileName as NSString).deletingPathExtension, isDirectory: true)
                jobs.append(
                    (
                        schoolFolder.appendingPathComponent(workbook.fileName), school.id,
                        { try workbook.write(to: $0, context: context) }
                    ))
            }
        }
        if output.personalWorkbooks {
            firstPersonal = jobs.count
            for supervisor in PersonalWorkbook.supervisors(in: result) {
                let workbook = PersonalWorkbook(
                    result: result, configuration: configuration, supervisor: supervisor, runInfo: runInfo,
                    release: release)
                let personalFolder = folder.appendingPathComponent("personal", isDirectory: true)
                    .appendingPathComponent(workbook.schoolID(in: context) ?? "zonder school", isDirectory: true)
                // Two wpbs of one school can share a name; their address's local part tells them apart.
                jobs.append(
                    (
                        personalFolder.appendingPathComponent(workbook.fileName(in: context)),
                        String(supervisor.split(separator: "@").first ?? Substring(supervisor)),
                        { try workbook.write(to: $0, context: context) }
                    ))
            }
        }
        guard !jobs.isEmpty else { return [] }
        // Two jobs writing one file at once would corrupt it and lose one of the two workbooks.
        let urls = WorkbookNaming.distinct(jobs.map(\.url), distinctions: jobs.map(\.distinction))
        for index in jobs.indices { jobs[index].url = urls[index] }
        for job in jobs { try WorkbookNaming.checkInside(job.url, folder: folder) }
        for directory in Set(jobs.map { $0.url.deletingLastPathComponent() }) {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        // Each profile's folder says which profile it is.
        var written: [String] = []
        for profile in [ReleaseProfile.coordinator, .management] {
            let profileFolder = folder.appendingPathComponent(profile.folder, isDirectory: true)
            guard fm.fileExists(atPath: profileFolder.path) else { continue }
            try ProfileReadme.text(for: profile, settings: result.settings)
                .write(to: profileFolder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
            written.append(profile.folder + "/README.md")
        }

        Self.compactHeap()
        try jobs[0].write(jobs[0].url)
        afterFirst()
        // Each job touches only its own workbook value and file; nothing is shared between them.
        nonisolated(unsafe) let rest = Array(jobs[1..<max(1, min(firstPersonal, jobs.count))])
        // The first failure in job order is thrown, so the message does not depend on timing.
        for outcome in concurrentMap(count: rest.count, { index in Result { try rest[index].write(rest[index].url) } }) {
            try outcome.get()
        }
        for job in jobs.dropFirst(max(1, firstPersonal)) { try job.write(job.url) }
        let base = folder.standardizedFileURL.path + "/"
        return written + jobs.map { String($0.url.standardizedFileURL.path.dropFirst(base.count)) }
    }
}
