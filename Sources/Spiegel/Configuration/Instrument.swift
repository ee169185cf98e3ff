/// A questionnaire as data: its items, their competency areas and its answer scale (docs/configuration.md, "Instrument files").
///
/// Instruments live in YAML files under `Data/instruments/`, so a partnership adapts a scan
/// by editing data, not Swift.
package struct Instrument: Hashable, Sendable {
    /// A stable identifier such as `zelfscan-wpb`, used in configuration and researcher output.
    package var id: String
    /// The Dutch title as the form shows it.
    var title: String
    /// Who may fill it in; a source names one when there are several.
    package var roles: [Role]
    /// What the forms are about.
    package var subjectKind: SubjectKind
    package var scale: Scale
    /// Competency areas in the order reports show them (the radar's axes).
    package var areas: [CompetencyArea]
    /// Scored items, in form order.
    package var items: [Item]
    /// Open questions (feed forward); their answers are free text, never scored.
    package var openQuestions: [OpenQuestion]

    init(
        id: String, title: String, roles: [Role], subjectKind: SubjectKind, scale: Scale,
        areas: [CompetencyArea], items: [Item], openQuestions: [OpenQuestion] = []
    ) {
        self.id = id
        self.title = title
        self.roles = roles
        self.subjectKind = subjectKind
        self.scale = scale
        self.areas = areas
        self.items = items
        self.openQuestions = openQuestions
    }

    /// A scored statement on the form.
    package struct Item: Hashable, Sendable {
        /// Short code such as `Z01`; LimeSurvey-style exports use it as the column header.
        package var id: String
        /// The statement, in Dutch, as printed on the form.
        package var text: String
        /// The id of the ``CompetencyArea`` it belongs to.
        package var area: String
        /// The id of the self-scan item with the same wording, when there is one.
        package var mirrors: String?

        init(id: String, text: String, area: String, mirrors: String? = nil) {
            self.id = id
            self.text = text
            self.area = area
            self.mirrors = mirrors
        }
    }

    /// A question answered in free text.
    package struct OpenQuestion: Hashable, Sendable {
        package var id: String
        package var text: String
        /// The area the comment is about, if the form places it under one.
        var area: String?

        init(id: String, text: String, area: String? = nil) {
            self.id = id
            self.text = text
            self.area = area
        }
    }

    /// The answer scale: integer values from `minimum` to `maximum`, their labels, and the
    /// answers that mean *not answered*.
    package struct Scale: Hashable, Sendable {
        package var minimum: Int
        package var maximum: Int
        /// Label per value, e.g. `6: Grotendeels`.
        package var labels: [Int: String]
        /// Answers that count as not answered, compared without case or surrounding spaces.
        package var notAnswered: [String]

        init(minimum: Int, maximum: Int, labels: [Int: String] = [:], notAnswered: [String] = []) {
            self.minimum = minimum
            self.maximum = maximum
            self.labels = labels
            self.notAnswered = notAnswered
        }

        /// The middle of the scale, where the colour scales of reports turn.
        var midpoint: Double { Double(minimum + maximum) / 2 }
    }

    /// Indices into ``items`` per area, in area order.
    func itemIndices(inArea area: String) -> [Int] {
        items.indices.filter { items[$0].area == area }
    }
}

/// A competency area (bekwaamheidsgebied), or one condition of the training-school scan.
package struct CompetencyArea: Hashable, Sendable {
    /// A stable id such as `agogisch`, used in CSV output.
    package var id: String
    /// The Dutch name shown in reports, e.g. "Agogische bekwaamheden — de begeleider".
    var name: String
    /// A short name for chart axes and narrow columns.
    var shortName: String

    init(id: String, name: String, shortName: String? = nil) {
        self.id = id
        self.name = name
        self.shortName = shortName ?? name
    }
}
