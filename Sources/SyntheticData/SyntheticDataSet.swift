import Foundation
import Spiegel

/// Deterministic synthetic exports at any scale (`spiegel generate`, `make bench`, the shipped sample).
///
/// Given instruments and ``Parameters``, ``write(to:)`` produces a self-contained job folder:
/// `Pipeline.yml`, `Data/registry.yml` and one CSV per source and wave under `Data/exports/`, in the
/// export styles of real survey tools (``ExportStyle``). The same instruments, parameters and seed
/// always give byte-identical files.
///
/// The rater model is simple and documented so that analysis results can be sanity-checked: each
/// wpb has a latent competence (plus a school effect, an offset per competency area and a small
/// growth per wave); self-scans add a personal leniency of on average +0.65 scale points, students
/// +0.15, schoolopleiders −0.1; every answer adds noise and is rounded onto the instrument's scale.
package struct SyntheticDataSet: Sendable {
    /// The instruments, sorted by id so the input order does not change the output.
    package let instruments: [Instrument]
    package let parameters: Parameters

    /// Checks parameters and instruments; throws ``GenerateError`` with a message when unusable.
    package init(instruments: [Instrument], parameters: Parameters) throws {
        try parameters.validate()
        guard !instruments.isEmpty else { throw GenerateError.unsuitableInstruments("no instruments given") }
        for instrument in instruments {
            guard !instrument.roles.isEmpty, !instrument.items.isEmpty else {
                throw GenerateError.unsuitableInstruments("instrument '\(instrument.id)' has no roles or no items")
            }
            guard instrument.scale.minimum < instrument.scale.maximum, instrument.scale.minimum >= 0,
                instrument.scale.maximum <= 250
            else {
                throw GenerateError.unsuitableInstruments(
                    "instrument '\(instrument.id)' has scale \(instrument.scale.minimum)–\(instrument.scale.maximum)")
            }
        }
        guard Set(instruments.map(\.id)).count == instruments.count else {
            throw GenerateError.unsuitableInstruments("two instruments share an id")
        }
        self.instruments = instruments.sorted { $0.id < $1.id }
        self.parameters = parameters
    }

    /// The waves: two per school year, `2025-2026-najaar` (1 August – 31 January) and
    /// `2025-2026-voorjaar` (1 February – 31 July).
    package var waves: [Wave] {
        let first = parameters.firstSchoolYear ?? (2025 - (parameters.waves - 1) / 2)
        return (0..<parameters.waves).map { index in
            let year = first + index / 2
            if index % 2 == 0 {
                return Wave(
                    id: "\(year)-\(year + 1)-najaar", start: Day(year: year, month: 8, day: 1),
                    end: Day(year: year + 1, month: 1, day: 31))
            }
            return Wave(
                id: "\(year)-\(year + 1)-voorjaar", start: Day(year: year + 1, month: 2, day: 1),
                end: Day(year: year + 1, month: 7, day: 31))
        }
    }

    /// One source per instrument and role, in the role's default ``ExportStyle``.
    package var sources: [SyntheticSource] {
        instruments.flatMap { instrument in
            instrument.roles.map { role in
                let style = ExportStyle.default(for: role)
                let ambiguous = instrument.roles.count > 1
                let name =
                    ambiguous
                    ? "\(instrument.id)-\(Self.roleSlug(role, subject: instrument.subjectKind))-\(style.rawValue)"
                    : "\(instrument.id)-\(style.rawValue)"
                return SyntheticSource(
                    name: name, instrument: instrument.id, role: role, style: style,
                    roleIsAmbiguous: ambiguous)
            }
        }
    }

    static func roleSlug(_ role: Role, subject: SubjectKind) -> String {
        switch role {
        case .selfAssessment: subject == .school ? "team" : "self"
        case .schoolopleider: "so"
        case .instituutsopleider: "io"
        default: role.rawValue
        }
    }

    /// Writes `Pipeline.yml`, `Data/registry.yml`, the exports (and copies of the instrument files
    /// when ``Parameters/instrumentFiles`` names them) into `folder`, creating it when needed.
    /// Exports are written in parallel, one file per task, each from its own seeded stream, so the
    /// result does not depend on scheduling.
    @discardableResult
    package func write(to folder: URL) throws -> Summary {
        let exports = folder.appendingPathComponent("Data/exports", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        } catch { throw GenerateError.cannotWrite(exports.path) }

        let population = try SyntheticPopulation(parameters: parameters)
        try copyInstrumentFiles(to: folder)
        try writeRegistry(population, to: folder.appendingPathComponent("Data/registry.yml"))

        let waves = self.waves, sources = self.sources
        let jobs = waves.indices.flatMap { w in sources.indices.map { (wave: w, source: $0) } }
        let files = try concurrentMap(count: jobs.count) { index in
            let job = jobs[index]
            return Result {
                try writeExport(
                    source: sources[job.source], sourceIndex: job.source, wave: waves[job.wave],
                    waveIndex: job.wave, population: population, folder: folder)
            }
        }.map { try $0.get() }

        try writePipeline(sources: sources, waves: waves, to: folder.appendingPathComponent("Pipeline.yml"))
        return Summary(
            partnerships: population.partnerships.count, schools: population.schools.count,
            supervisors: population.supervisors.count, waves: waves, files: files)
    }

    private func copyInstrumentFiles(to folder: URL) throws {
        guard !parameters.instrumentFiles.isEmpty else { return }
        let target = folder.appendingPathComponent("Data/instruments", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for file in parameters.instrumentFiles {
                let destination = target.appendingPathComponent(file.lastPathComponent)
                if file.standardizedFileURL == destination.standardizedFileURL { continue }
                if FileManager.default.fileExists(atPath: destination.path) {
                    try FileManager.default.removeItem(at: destination)
                }
                try FileManager.default.copyItem(at: file, to: destination)
            }
        } catch { throw GenerateError.cannotWrite(target.path) }
    }
}
