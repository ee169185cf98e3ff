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
        let output = configuration.output
        guard output.partnershipWorkbook || output.schoolWorkbooks || output.personalWorkbooks else { return [] }
        let context = ReportContext(
            result: result, configuration: configuration, runInfo: runInfo, release: release, review: review,
            indexingSupervisors: output.personalWorkbooks)
        var jobs = partnershipJobs(in: folder, context: context) + schoolJobs(in: folder, context: context)
        let firstPersonal = output.personalWorkbooks ? jobs.count : Int.max
        jobs += personalJobs(in: folder, context: context)
        guard !jobs.isEmpty else { return [] }
        let written = try prepareFolders(for: &jobs, in: folder)
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

    /// One workbook to write: where, what tells it apart when two jobs would get the same file name, and how.
    /// Personal jobs are written one at a time, so their item scores and comments never sit in memory for several
    /// workbooks at once.
    private typealias Job = (url: URL, distinction: String, write: (URL) throws -> Void)

    private func partnershipJobs(in folder: URL, context: ReportContext) -> [Job] {
        guard configuration.output.partnershipWorkbook else { return [] }
        let partnershipFolder = folder.appendingPathComponent("partnership", isDirectory: true)
        return configuration.registry.partnerships.map { partnership in
            let workbook = PartnershipWorkbook(
                result: result, configuration: configuration, partnership: partnership, runInfo: runInfo, release: release)
            return (
                partnershipFolder.appendingPathComponent(WorkbookNaming.partnershipFileName(partnership)), partnership.id,
                { try workbook.write(to: $0, context: context) }
            )
        }
    }

    private func schoolJobs(in folder: URL, context: ReportContext) -> [Job] {
        guard configuration.output.schoolWorkbooks else { return [] }
        return configuration.registry.schools.filter { context.schoolsWithData.contains($0.id) }.map { school in
            let workbook = SchoolWorkbook(
                result: result, configuration: configuration, school: school, runInfo: runInfo, release: release)
            // One folder per school, so a file share can sync exactly that school's folder.
            let schoolFolder = folder.appendingPathComponent("schools", isDirectory: true)
                .appendingPathComponent((workbook.fileName as NSString).deletingPathExtension, isDirectory: true)
            return (
                schoolFolder.appendingPathComponent(workbook.fileName), school.id,
                { try workbook.write(to: $0, context: context) }
            )
        }
    }

    private func personalJobs(in folder: URL, context: ReportContext) -> [Job] {
        guard configuration.output.personalWorkbooks else { return [] }
        return PersonalWorkbook.supervisors(in: result).map { supervisor in
            let workbook = PersonalWorkbook(
                result: result, configuration: configuration, supervisor: supervisor, runInfo: runInfo, release: release)
            let personalFolder = folder.appendingPathComponent("personal", isDirectory: true)
                .appendingPathComponent(workbook.schoolID(in: context) ?? "zonder school", isDirectory: true)
            // Two wpbs of one school can share a name; their address's local part tells them apart.
            return (
                personalFolder.appendingPathComponent(workbook.fileName(in: context)),
                String(supervisor.split(separator: "@").first ?? Substring(supervisor)),
                { try workbook.write(to: $0, context: context) }
            )
        }
    }

    /// Gives every job a distinct file inside `folder`, creates the folders, and writes each profile folder's README
    /// (which profile it is); returns the READMEs written.
    private func prepareFolders(for jobs: inout [Job], in folder: URL) throws -> [String] {
        let fm = FileManager.default
        // Two jobs writing one file at once would corrupt it and lose one of the two workbooks.
        let urls = WorkbookNaming.distinct(jobs.map(\.url), distinctions: jobs.map(\.distinction))
        for index in jobs.indices { jobs[index].url = urls[index] }
        for job in jobs { try WorkbookNaming.checkInside(job.url, folder: folder) }
        for directory in Set(jobs.map { $0.url.deletingLastPathComponent() }) {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var written: [String] = []
        for profile in [ReleaseProfile.coordinator, .management] {
            let profileFolder = folder.appendingPathComponent(profile.folder, isDirectory: true)
            guard fm.fileExists(atPath: profileFolder.path) else { continue }
            try ProfileReadme.text(for: profile, settings: result.settings)
                .write(to: profileFolder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
            written.append(profile.folder + "/README.md")
        }
        return written
    }
}
