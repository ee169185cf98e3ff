import Foundation

@testable import Spiegel

/// A small instrument, registry and configuration, built by hand (the YAML loader is tested elsewhere).
enum IngestFixtures {
    static let scale = Instrument.Scale(
        minimum: 1, maximum: 7,
        labels: [
            1: "Helemaal niet", 2: "Nauwelijks", 3: "Een beetje", 4: "Gedeeltelijk", 5: "Redelijk", 6: "Grotendeels",
            7: "Helemaal",
        ],
        notAnswered: ["n.v.t.", "nvt", "weet ik niet", "-"])

    static let zelfscan = Instrument(
        id: "zelfscan-wpb", title: "Zelfscan werkplekopleider", roles: [.selfAssessment], subjectKind: .supervisor,
        scale: scale, areas: [CompetencyArea(id: "agogisch", name: "Agogische bekwaamheden")],
        items: [
            .init(id: "Z01", text: "Ik ben in staat een student te begeleiden", area: "agogisch"),
            .init(id: "Z02", text: "Ik stem mijn begeleiding af op de student", area: "agogisch"),
            .init(id: "Z03", text: "Ik geef feedback op het handelen van de student", area: "agogisch"),
        ],
        openQuestions: [.init(id: "S-FF1", text: "Wat wil je nog kwijt over de coöperatie?", area: "agogisch")])

    static let feedback = Instrument(
        id: "feedback-student", title: "Feedback student", roles: [.student], subjectKind: .supervisor, scale: scale,
        areas: [CompetencyArea(id: "agogisch", name: "Agogische bekwaamheden")],
        items: [.init(id: "S01", text: "Mijn wpb begeleidt mij goed", area: "agogisch", mirrors: "Z01")])

    static let registry = Registry(
        partnerships: [Partnership(id: "P01", name: "Partnerschap Rivierenland")],
        schools: [
            School(id: "01AB", name: "Het Fictief College", partnership: "P01"),
            School(id: "02CD", name: "De Tweede School", partnership: "P01"),
        ])

    /// The columns of the sample export: item Z01 by a header starting with its code, Z02 by code,
    /// Z03 by its text, the open question by its text.
    static let zelfscanColumns = ColumnMapping(
        respondent: .header("E-mail"), school: .header("School"),
        submittedAt: .header("Tijd van voltooien"))

    static func zelfscanSource(
        name: String = "zelfscan", columns: ColumnMapping = zelfscanColumns,
        dialect: DialectOverrides = .init(), dateFormats: [String] = []
    ) -> Source {
        Source(
            name: name, pattern: "exports/\(name)-*.csv", instrument: "zelfscan-wpb", columns: columns,
            dialect: dialect, answerLabels: ["helemaal mee eens": 7], dateFormats: dateFormats)
    }

    static func configuration(
        sources: [Source], waves: [Wave] = [], registry: Registry = registry,
        instruments: [Instrument] = [zelfscan, feedback]
    ) -> PipelineConfiguration {
        let folder = URL(fileURLWithPath: "/tmp/spiegel-config")
        return PipelineConfiguration(
            file: folder.appendingPathComponent("Pipeline.yml"),
            instruments: Dictionary(uniqueKeysWithValues: instruments.map { ($0.id, $0) }), registry: registry,
            sources: sources, waves: waves, output: .init(folder: folder.appendingPathComponent("Reports")))
    }

    /// A UTC instant, computed by Foundation's calendar (independently of the parser under test).
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(
            from: DateComponents(
                year: year, month: month, day: day, hour: hour, minute: minute,
                second: second))!
    }
}
