import Foundation
import Spiegel

/// Writes one export file: the forms of one source in one wave, with the planted defects.
///
/// Every random choice comes from streams derived from the run's seed and the file's wave and
/// source, or from the subject's or rater's identity, so a file can be written on any thread and
/// a wpb keeps the same traits in every file.
final class SyntheticExport {
    /// One form to write: whom it is about (a wpb or a school index) and which of its possible
    /// raters fills it in (the k-th student, the k-th team member).
    struct FormUnit {
        var subject: Int32
        var rater: Int32
    }

    private enum Variant { case regular, outOfRange, trickyComment, unknownSchool }

    let seed: UInt64
    let instrument: Instrument
    let source: SyntheticSource
    let wave: Wave
    let waveIndex: Int
    let population: SyntheticPopulation
    let parameters: SyntheticDataSet.Parameters
    private let style: ExportStyle
    private let hasSubjectColumn: Bool
    var rng: SeededGenerator
    private var file: SyntheticDataSet.ExportFile
    private let writer: ExportWriter

    // Precomputed per instrument, so the row loop appends bytes only.
    private let itemArea: [Int]
    private let itemOffset: [Double]
    let areaKeys: [UInt64]
    private let answerBytes: [[UInt8]]
    private let notApplicableText: String?
    private let emptyChance = 0.015
    private let notApplicableChance: Double
    /// The subject's latent level per area for the form being written (reused to avoid allocation).
    var areaLevels: [Double]

    init(
        instrument: Instrument, source: SyntheticSource, sourceIndex: Int, wave: Wave, waveIndex: Int,
        population: SyntheticPopulation, parameters: SyntheticDataSet.Parameters, folder: URL
    ) throws {
        self.seed = parameters.seed
        self.instrument = instrument
        self.source = source
        self.wave = wave
        self.waveIndex = waveIndex
        self.population = population
        self.parameters = parameters
        style = source.style
        hasSubjectColumn = instrument.subjectKind == .supervisor && source.role != .selfAssessment
        rng = SeededGenerator(seed: parameters.seed, 2, UInt64(waveIndex), UInt64(sourceIndex))
        let path = source.file(wave: wave)
        file = .init(
            path: path, source: source.name, instrument: instrument.id, role: source.role,
            style: source.style, wave: wave.id)
        writer = try ExportWriter(
            url: folder.appendingPathComponent(path), delimiter: style.delimiter,
            lineEnding: style.lineEnding, quoteAll: style.quotesEveryField,
            byteOrderMark: style.byteOrderMark)

        let areaIndex = Dictionary(instrument.areas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        itemArea = instrument.items.map { areaIndex[$0.area] ?? 0 }
        areaKeys = instrument.areas.map { Self.stableHash($0.id) }
        areaLevels = Array(repeating: 0, count: max(1, instrument.areas.count))
        // Mirrored items share their difficulty with the self-scan item, so item-level gaps mean something.
        itemOffset = instrument.items.map { item in
            var stream = SeededGenerator(seed: parameters.seed, 14, Self.stableHash(item.mirrors ?? item.id))
            return stream.normal(mean: 0, deviation: 0.3)
        }
        let scale = instrument.scale
        let labelled = source.style == .microsoftFormsDutchExcel
        answerBytes = (scale.minimum...scale.maximum).map { value in
            if labelled, let label = scale.labels[value] {
                return Array("\(value) - \(label)".utf8)
            }
            return Array(String(value).utf8)
        }
        notApplicableText = scale.notAnswered.first { $0.lowercased() == "n.v.t." } ?? scale.notAnswered.first
        switch source.role {
        case .selfAssessment: notApplicableChance = 0.004
        case .student: notApplicableChance = 0.025
        default: notApplicableChance = 0.01
        }
    }

    /// FNV-1a over UTF-8: a hash that, unlike `Hasher`, is the same in every process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    // MARK: Writing

    func write() throws -> SyntheticDataSet.ExportFile {
        try writeHeader()
        var units = makeUnits()
        rng.shuffle(&units)
        let count = units.count
        let defects = parameters.includeDefects && count > 0
        let blankAt = count / 3, unknownAt = count / 2, outOfRangeAt = 2 * count / 3
        let trickyFrom = count / 5, forcedDuplicateAt = count / 4
        var trickyDone = instrument.openQuestions.isEmpty
        var resubmissions: [(unit: FormUnit, time: LocalTime)] = []
        var rowID = 1

        for (position, unit) in units.enumerated() {
            let time = fieldworkTime(position: position, count: count)
            var variant = Variant.regular
            if defects && position == outOfRangeAt {
                variant = .outOfRange
            } else if defects && !trickyDone && position >= trickyFrom {
                variant = .trickyComment
                trickyDone = true
            }
            try writeForm(unit, time: time, rowID: rowID, variant: variant)
            rowID += 1
            if defects && position == blankAt { try writeBlankRow() }
            if defects && position == unknownAt {
                try writeForm(unit, time: time.adding(seconds: 97), rowID: rowID, variant: .unknownSchool)
                rowID += 1
            }
            let forced = defects && position == forcedDuplicateAt && resubmissions.isEmpty
            if rng.chance(parameters.duplicateRate) || forced {
                // A re-submission one to ten days later at about the same hour, still inside the wave.
                let later = rng.int(in: 1...10) * 86_400 + rng.int(in: -3_600...3_600)
                resubmissions.append((unit, time.adding(seconds: later)))
            }
        }
        resubmissions.sort { $0.time < $1.time }
        for resubmission in resubmissions {
            try writeForm(resubmission.unit, time: resubmission.time, rowID: rowID, variant: .regular)
            rowID += 1
            file.duplicates += 1
        }
        try writer.close()
        file.bytes = writer.bytesWritten
        return file
    }

    /// The header row of an export of `instrument` in `style`; `Pipeline.yml` maps the same names.
    static func headers(of instrument: Instrument, style: ExportStyle, hasSubjectColumn: Bool) -> [String] {
        var headers: [String]
        switch style {
        case .microsoftFormsDutchExcel: headers = ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"]
        case .googleForms: headers = ["Tijdstempel", "E-mailadres"]
        case .limeSurvey: headers = ["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "email"]
        }
        if hasSubjectColumn { headers.append(style.subjectHeader) }
        headers.append(style.schoolHeader)
        headers += instrument.items.map { style.headsItemsByCode ? $0.id : $0.text }
        headers += instrument.openQuestions.map { style.headsItemsByCode ? $0.id : $0.text }
        return headers
    }

    private var columnCount: Int {
        Self.headers(of: instrument, style: style, hasSubjectColumn: hasSubjectColumn).count
    }

    private func writeHeader() throws {
        for header in Self.headers(of: instrument, style: style, hasSubjectColumn: hasSubjectColumn) {
            writer.text(header)
        }
        try writer.endRow()
    }

    private func writeBlankRow() throws {
        if style == .microsoftFormsDutchExcel {
            try writer.delimiterOnlyRow(columns: columnCount)
        } else {
            try writer.endRow()
        }
        file.records += 1
        file.blankRows += 1
    }

    private func writeForm(_ unit: FormUnit, time: LocalTime, rowID: Int, variant: Variant) throws {
        let (rater, subjectEmail, schoolID) = respondent(of: unit, variant: variant)
        file.records += 1
        file.forms += 1
        writeMetadata(rater: rater, time: time, rowID: rowID)
        if hasSubjectColumn { writer.text(subjectEmail) }
        writer.text(schoolID)
        writeAnswers(rater: rater, variant: variant)
        writeComments(variant: variant)
        try writer.endRow()
    }

    /// Who fills in the form, about whom, at which school; an unknown-school row is a newcomer at a school that is
    /// not in the registry. Sets the area levels the answers are drawn around.
    private func respondent(of unit: FormUnit, variant: Variant) -> (rater: Rater, subject: String, school: String) {
        if variant == .unknownSchool {
            let rater = Rater(email: "j.nieuwkomer@onbekend.example", name: "Jesse Nieuwkomer", bias: 0)
            for area in areaLevels.indices { areaLevels[area] = 4.5 }
            file.unknownSchoolRows += 1
            return (rater, rater.email, SyntheticPopulation.unknownSchoolID)
        }
        let rater = self.rater(for: unit)
        fillAreaLevels(subject: unit.subject)
        if instrument.subjectKind == .school {
            let schoolID = population.schools[Int(unit.subject)].id
            return (rater, schoolID, schoolID)
        }
        let supervisor = population.supervisors[Int(unit.subject)]
        let schoolID = population.schools[Int(population.supervisorSchool[Int(unit.subject)])].id
        return (rater, supervisor.email, schoolID)
    }

    /// The columns each tool writes before the questions: row id, times, the respondent.
    private func writeMetadata(rater: Rater, time: LocalTime, rowID: Int) {
        switch style {
        case .microsoftFormsDutchExcel:
            writer.integer(rowID)
            writer.timestamp(time.adding(seconds: -rng.int(in: 180...1500)), .dutchExcel)
            writer.timestamp(time, .dutchExcel)
            writer.text(rater.email)
            writer.text(rater.name)
        case .googleForms:
            writer.timestamp(time, .googleForms)
            writer.text(rater.email)
        case .limeSurvey:
            writer.integer(rowID)
            writer.timestamp(time, .iso)
            writer.integer(3)
            writer.text("nl")
            writer.integer(rng.int(in: 100_000_000...999_999_999))
            writer.empty()
            writer.text(rater.email)
        }
    }

    /// One answer per item: empty, not applicable, off the scale (one item of an out-of-range row), or drawn around
    /// the item's area level with the rater's bias.
    private func writeAnswers(rater: Rater, variant: Variant) {
        let outOfRangeItem = variant == .outOfRange ? rng.int(in: 0...(instrument.items.count - 1)) : -1
        let scale = instrument.scale
        for index in instrument.items.indices {
            if index == outOfRangeItem {
                writer.integer(scale.maximum + 2)
                file.outOfRangeAnswers += 1
                continue
            }
            let draw = rng.unit()
            if draw < emptyChance {
                writer.empty()
                file.emptyAnswers += 1
                continue
            }
            if draw < emptyChance + notApplicableChance, let notApplicableText {
                writer.text(notApplicableText)
                file.notApplicableAnswers += 1
                continue
            }
            let onSevenPoints = areaLevels[itemArea[index]] + itemOffset[index] + rater.bias + noise()
            let onScale = Double(scale.minimum) + (onSevenPoints - 1) * Double(scale.maximum - scale.minimum) / 6
            let value = min(scale.maximum, max(scale.minimum, Int((onScale + 0.5).rounded(.down))))
            writer.plain(answerBytes[value - scale.minimum])
        }
    }

    /// The open answers: a tricky comment in a tricky row's first, otherwise one in five answered.
    private func writeComments(variant: Variant) {
        for index in instrument.openQuestions.indices {
            if variant == .trickyComment && index == 0 {
                writer.text(SyntheticNames.trickyComment)
                file.trickyComments += 1
            } else if rng.chance(0.2) {
                writer.text(rng.pick(SyntheticNames.comments))
            } else {
                writer.empty()
            }
        }
    }

    /// Answer noise: a sum of four uniforms rescaled to a standard deviation of 0.75 (cheaper than
    /// twelve, and close enough to normal for rounding onto a 7-point scale).
    private func noise() -> Double {
        let sum = rng.unit() + rng.unit() + rng.unit() + rng.unit()
        return (sum - 2) * 1.732_050_807_568_877_2 * 0.75
    }
}
