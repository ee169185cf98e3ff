/// The researcher files' columns: names, types, units, allowed values and meanings, in one place.
///
/// Headers, `codebook.csv` and `datapackage.json` are all generated from this description, so they cannot drift
/// apart. Names and meanings are an interface: change them only together with ``ResearchExport/formatVersion``.
/// New columns go at the end of a table.
struct ResearchSchema: Sendable {
    var tables: [Table]

    /// One CSV file.
    struct Table: Sendable {
        /// The Frictionless resource name, e.g. `responses`.
        var name: String
        var file: String { name + ".csv" }
        var descriptionNL: String
        var descriptionEN: String
        var fields: [Field]
        /// Columns that identify a row; empty when none is declared.
        var primaryKey: [String]
        /// Columns that refer to rows of another table (`frictionless validate` checks them).
        var foreignKeys: [ForeignKey] = []

        var columnNames: [String] { fields.map(\.name) }
    }

    /// Columns whose values must occur as a key of another table, e.g. `responses.form_id` → `forms.form_id`.
    struct ForeignKey: Sendable {
        var fields: [String]
        /// The referenced table's resource name.
        var table: String
        var referencedFields: [String]
    }

    /// One column.
    struct Field: Sendable {
        var name: String
        var type: FieldType
        /// The unit, or empty.
        var unit: String
        var allowed: AllowedValues
        /// Whether every row has a value.
        var required: Bool
        var meaningNL: String
        var meaningEN: String
    }

    /// Frictionless Table Schema field types used here.
    enum FieldType: String, Sendable, CaseIterable {
        case string, integer, number, boolean, date, datetime
    }

    /// What a column may hold.
    enum AllowedValues: Sendable {
        case any
        /// Free text matching a regular expression (anchored at both ends, XML Schema style).
        case pattern(String, explanation: String)
        /// One of these, in no particular order.
        case values([String])
        /// One of these, from low to high (ordered categories).
        case orderedValues([String])
        /// An integer scale point, low to high, with the labels the forms print.
        case scale(minimum: Int, maximum: Int, labels: [Int: String])
        /// A number in a closed range.
        case range(minimum: Double, maximum: Double)
        /// Integer codes with a label each, from low to high (an ordered category written as a number).
        case codes([Code])
        /// A non-negative integer.
        case count
        /// An integer from 1 up: a position or a running number.
        case positive
    }

    /// One integer code of ``AllowedValues/codes(_:)`` and what it stands for.
    struct Code: Sendable {
        var value: Int
        var label: String
    }

    /// The values that depend on the data: which instruments, waves, schools and areas occur.
    struct Vocabulary: Sendable {
        var instruments: [String]
        var waves: [String]
        var schools: [String]
        var partnerships: [String]
        var areas: [String]
        var items: [String]
        var openQuestions: [String]
        /// The lowest and highest scale point over the instruments, and the labels when they all share one scale.
        var scaleMinimum: Int
        var scaleMaximum: Int
        var scaleLabels: [Int: String]
        /// The competency areas of the wpb instruments, in the radar's order: the groups of `subject_wide.csv`.
        var supervisorAreas: [CompetencyArea] = []
        /// Wave id → the name `waves.csv` gives it.
        var waveTitles: [String: String] = [:]
        /// Answer labels an export showed instead of the instrument's, one line per source, e.g.
        /// `feedback-student-googleforms: 7 = helemaal mee eens` (`scale_labels.csv` has them as rows).
        var sourceLabelNotes: [String] = []

        /// The widest difference of two scores: a gap or a change lies within ±span.
        var span: Double { Double(scaleMaximum - scaleMinimum) }
    }

    static let pseudonymPattern = AllowedValues.pattern(
        "p-[a-z2-7]{\(Pseudonymizer.length)}", explanation: "p- + \(Pseudonymizer.length) base32 characters")

    /// The tables of one export.
    ///
    /// A declarative table, long on purpose: every field of every file with its type, unit, allowed values and
    /// meaning in Dutch and English, in file order, so the codebook and the data package are read off one place.
    init(vocabulary v: Vocabulary, includeFreeText: Bool) {
        let scoreRange = AllowedValues.range(minimum: Double(v.scaleMinimum), maximum: Double(v.scaleMaximum))
        let gapRange = AllowedValues.range(minimum: -v.span, maximum: v.span)
        let anyMeasureRange = AllowedValues.range(
            minimum: min(Double(v.scaleMinimum), -v.span),
            maximum: max(Double(v.scaleMaximum), v.span))
        let scalePoints = "scale points (\(v.scaleMinimum)–\(v.scaleMaximum))"
        let gapOrder = [GapCategory.onderschatting, .inOvereenstemming, .overschatting].map(\.rawValue)
        let roles = Role.allCases.map(\.rawValue)
        let scopes = AnalysisScope.allCases.map(\.rawValue)

        func f(
            _ name: String, _ type: FieldType, _ unit: String = "", _ allowed: AllowedValues = .any, required: Bool = false,
            nl: String, en: String
        ) -> Field {
            Field(name: name, type: type, unit: unit, allowed: allowed, required: required, meaningNL: nl, meaningEN: en)
        }
        let wave = f(
            "wave", .string, "", .values(v.waves), required: true,
            nl: "Meetmoment (id uit Pipeline.yml, of het schooljaar)", en: "Wave (id from Pipeline.yml, or the school year)")
        let school = f(
            "school_id", .string, "", .values(v.schools), required: true,
            nl: "Opleidingsschool (id uit het register, bijv. BRIN)", en: "Training school (registry id, e.g. BRIN code)")
        let partnership = f(
            "partnership_id", .string, "", .values(v.partnerships),
            nl: "Partnerschap van de school (id uit het register)", en: "The school's partnership (registry id)")
        let area = f(
            "area", .string, "", .values(v.areas), required: true,
            nl: "Bekwaamheidsgebied, of voorwaarde van de scan opleidingsschool (id uit het instrument)",
            en: "Competency area, or condition of the training-school scan (id from the instrument)")
        let subjectPID = f(
            "subject_pid", .string, "", Self.pseudonymPattern, required: true,
            nl: "Pseudoniem van waar het formulier over gaat: de werkplekbegeleider, of de school bij de scan opleidingsschool",
            en: "Pseudonym of what the form is about: the workplace supervisor, or the school for the training-school scan")
        let scope = f(
            "scope", .string, "", .values(scopes), required: true,
            nl: "wpb: zelfscan en feedback over werkplekbegeleiders; school: scan opleidingsschool",
            en: "wpb: self-scan and feedback about workplace supervisors; school: training-school scan")
        let formNumber = f(
            "form_id", .integer, "", .positive, required: true,
            nl: "Formulier: volgnummer, uniek binnen deze export (1, 2, 3, …)",
            en: "Form: running number, unique within this export (1, 2, 3, …)")
        let formReference = f(
            "form_id", .integer, "", .positive, required: true,
            nl: "Formulier: form_id in forms.csv", en: "Form: form_id in forms.csv")
        let toForms = ForeignKey(fields: ["form_id"], table: "forms", referencedFields: ["form_id"])
        let toWaves = ForeignKey(fields: ["wave"], table: "waves", referencedFields: ["wave"])
        let toAreas = ForeignKey(fields: ["area"], table: "areas", referencedFields: ["area"])
        let instrument = f(
            "instrument", .string, "", .values(v.instruments), required: true,
            nl: "Instrument (vragenlijst) van het formulier", en: "The form's instrument (questionnaire)")
        let role = f(
            "role", .string, "", .values(roles), required: true,
            nl: "Wie het invulde: "
                + Role.allCases.map { $0.researchCode(gloss: $0.about.researchGloss.nl) }.joined(separator: ", "),
            en: "Who filled it in: "
                + Role.allCases.map { $0.researchCode(gloss: $0.about.researchGloss.en) }.joined(separator: ", "))
        let respondentPID = f(
            "respondent_pid", .string, "", Self.pseudonymPattern, required: true,
            nl: "Pseudoniem van de invuller", en: "Pseudonym of the respondent")

        let itemID = f(
            "item", .string, "", .values(v.items), required: true,
            nl: "Item-id uit het instrument", en: "Item id from the instrument")

        var tables = [Table]()
        tables.append(
            Table(
                name: "forms",
                descriptionNL: "Eén rij per formulier: de gebruikte formulieren (geen vervangen dubbele, geen quarantaine)",
                descriptionEN: "One row per form: the forms the analysis used (no superseded duplicates, no quarantined rows)",
                fields: [
                    formNumber,
                    // Not declared unique: two inputs with the same file name in different folders share a source.
                    f(
                        "source", .string, "", .any, required: true,
                        nl: "Herkomst: naam van het exportbestand en de regel waarop het antwoord begint",
                        en: "Origin: the export file's name and the line where the record starts"),
                    instrument, wave, role, respondentPID, subjectPID, school, partnership,
                    f(
                        "submitted_on", .date, "", .any, required: true,
                        nl: "Dag van insturen (Nederlandse tijd), ISO 8601; het tijdstip is weggelaten",
                        en: "Day of submission (Dutch time), ISO 8601; the time of day is left out"),
                    scope,
                ],
                primaryKey: ["form_id"],
                foreignKeys: [toWaves]))
        tables.append(
            Table(
                name: "responses",
                descriptionNL: "Eén rij per formulier × item; de formulierkenmerken staan in forms.csv, de items in items.csv",
                descriptionEN: "One row per form × item; the forms' attributes are in forms.csv, the items in items.csv",
                fields: [
                    formReference, itemID,
                    f(
                        "score", .integer, "scale point",
                        .scale(minimum: v.scaleMinimum, maximum: v.scaleMaximum, labels: v.scaleLabels),
                        nl:
                            "Antwoord als schaalwaarde; leeg = niet beantwoord (nooit 0). Labels per instrument en bron: scale_labels.csv"
                            + (v.sourceLabelNotes.isEmpty
                                ? "" : ". Afwijkende labels in de export: " + v.sourceLabelNotes.joined(separator: "; ")),
                        en:
                            "Answer as a scale point; empty = not answered (never 0). Labels per instrument and source: scale_labels.csv"
                            + (v.sourceLabelNotes.isEmpty
                                ? "" : ". Labels the export showed instead: " + v.sourceLabelNotes.joined(separator: "; "))),
                ],
                primaryKey: ["form_id", "item"],
                foreignKeys: [toForms]))
        tables.append(
            Table(
                name: "items",
                descriptionNL: "Eén rij per instrument × item: plaats, gebied en tekst van de stelling",
                descriptionEN: "One row per instrument × item: position, area and wording of the statement",
                fields: [
                    f(
                        "instrument", .string, "", .values(v.instruments), required: true,
                        nl: "Instrument (vragenlijst)", en: "Instrument (questionnaire)"),
                    itemID,
                    f(
                        "position", .integer, "", .positive, required: true,
                        nl: "Plaats van het item in het instrument (1 = eerste)",
                        en: "The item's place in the instrument (1 = first)"),
                    area,
                    f(
                        "text", .string, "", .any, required: true,
                        nl: "De stelling zoals het formulier haar toont", en: "The statement as the form shows it (Dutch)"),
                    f(
                        "mirrors", .string, "", .values(v.items),
                        nl: "Het zelfscan-item met dezelfde strekking, bij feedbackitems; anders leeg",
                        en: "The self-scan item with the same wording, for feedback items; empty otherwise"),
                ],
                primaryKey: ["instrument", "item"],
                foreignKeys: [toAreas]))

        func score(_ name: String, nl: String, en: String) -> Field { f(name, .number, scalePoints, scoreRange, nl: nl, en: en) }
        func gap(_ name: String, nl: String, en: String) -> Field { f(name, .number, "scale points", gapRange, nl: nl, en: en) }
        let supervisor = f(
            "subject_pid", .string, "", Self.pseudonymPattern, required: true,
            nl: "Pseudoniem van de werkplekbegeleider", en: "Pseudonym of the workplace supervisor")
        let category = f(
            "gap_category", .string, "", .orderedValues(gapOrder),
            nl:
                "Categorie van het verschil met drempel T (zie datapackage.json): onderschatting (≤ −T), in_overeenstemming, overschatting (≥ +T)",
            en:
                "Gap category with threshold T (see datapackage.json): onderschatting (≤ −T, hidden strength), in_overeenstemming (agreement), overschatting (≥ +T, blind spot)"
        )
        func roleScore(_ role: Role) -> Field {
            score(role.rawValue, nl: role.about.researchMeaning.nl, en: role.about.researchMeaning.en)
        }
        let roleScores: [Field] = Role.supervisorRoles.map(roleScore)
        let roleGaps: [Field] = Role.splitRoles.map { role in
            gap(Measure.roleGap(role).rawValue, nl: "Verschil zelfbeeld − \(role.shortLabel)", en: "Self − \(role.rawValue)")
        }
        let pooled: [Field] = [
            score(
                "feedback", nl: "Gemiddelde van de aanwezige feedbackrollen, elke rol telt één keer",
                en: "Mean of the feedback roles present, each role weighing once"),
            gap("gap", nl: "Verschil zelfbeeld − feedback", en: "Gap: self − feedback"),
            category,
        ]
        tables.append(
            Table(
                name: "subject_scores",
                descriptionNL: "Eén rij per werkplekbegeleider × meetmoment × gebied: scores per rol, feedback en verschil",
                descriptionEN: "One row per workplace supervisor × wave × area: scores per role, feedback and gap",
                fields: [supervisor, school, partnership, wave, area] + roleScores + pooled + roleGaps,
                primaryKey: ["subject_pid", "wave", "area"],
                foreignKeys: [toWaves, toAreas]))

        func statistic(_ name: String, nl: String, en: String) -> Field {
            f(name, .number, "scale points", anyMeasureRange, nl: nl, en: en)
        }
        func share(_ category: GapCategory) -> Field {
            f(
                "share_" + category.rawValue, .number, "proportion", .range(minimum: 0, maximum: 1),
                nl: "Aandeel subjecten met gapcategorie \(category.rawValue) (alleen bij verschilmaten)",
                en: "Share of subjects in gap category \(category.rawValue) (gap measures only)")
        }
        tables.append(
            Table(
                name: "aggregates",
                descriptionNL:
                    "Eén rij per niveau × eenheid × meetmoment × gebied × maat; kleine groepen onderdrukt (geen getallen)",
                descriptionEN: "One row per level × unit × wave × area × measure; small groups suppressed (no numbers)",
                fields: [
                    f(
                        "level", .string, "", .values(AggregateLevel.allCases.map(\.rawValue)), required: true,
                        nl: "Niveau: school of partnership", en: "Level: school or partnership"),
                    f(
                        "unit_id", .string, "", .values(Set(v.schools + v.partnerships).sorted()), required: true,
                        nl: "School-id of partnerschap-id", en: "School id or partnership id"),
                    wave, area,
                    f(
                        "measure", .string, "", .values(Measure.allCases.map(\.rawValue)), required: true,
                        nl: "Maat: " + Measure.allCases.map(\.rawValue).joined(separator: ", "),
                        en: "Measure: a role's score, feedback, a gap (self − feedback or self − role), or a change between waves"
                    ),
                    f(
                        "n", .integer, "subjects", .count, nl: "Aantal subjecten met een waarde; leeg als onderdrukt",
                        en: "Number of subjects with a value; empty when suppressed"),
                    statistic(
                        "mean", nl: "Gemiddelde over subjecten (elk telt één keer)", en: "Mean over subjects (each weighing once)"
                    ),
                    f(
                        "sd", .number, "scale points", .range(minimum: 0, maximum: v.span),
                        nl: "Standaardafwijking (steekproef, n − 1); leeg bij n < 2",
                        en: "Standard deviation (sample, n − 1); empty when n < 2"),
                    statistic("median", nl: "Mediaan", en: "Median"),
                    statistic("min", nl: "Minimum", en: "Minimum"),
                    statistic("max", nl: "Maximum", en: "Maximum"),
                    share(.overschatting), share(.inOvereenstemming), share(.onderschatting),
                    f(
                        "suppressed", .boolean, "", .values(["true", "false"]), required: true,
                        nl: "true: groep te klein (of herleidbaar), getallen weggelaten",
                        en: "true: group too small (or recoverable), numbers left out"),
                    f(
                        "suppression_reason", .string, "", .values(["small-group"]),
                        nl:
                            "small-group: minder dan k subjecten (de microdata bevatten alle scores; het merk zegt: niet citeren)",
                        en: "small-group: fewer than k subjects (the microdata hold every score; the mark says: do not quote)"),
                    scope,
                ],
                primaryKey: ["scope", "level", "unit_id", "wave", "area", "measure"],
                foreignKeys: [toWaves, toAreas]))

        if includeFreeText {
            tables.append(
                Table(
                    name: "comments",
                    descriptionNL: "Open antwoorden (feed forward); kunnen namen bevatten, alleen op verzoek",
                    descriptionEN:
                        "Free-text answers (feed forward); may name people, only written on request; e-mail addresses and phone numbers masked",
                    fields: [
                        formReference,
                        f(
                            "question", .string, "", .values(v.openQuestions), required: true,
                            nl: "Id van de open vraag", en: "Open question id"),
                        f(
                            "area", .string, "", .values(v.areas), nl: "Gebied van de vraag, als het instrument dat noemt",
                            en: "The question's area, when the instrument names one"),
                        f(
                            "text", .string, "", .any, required: true, nl: "Het antwoord, zoals ingevuld",
                            en: "The answer as given"),
                    ],
                    primaryKey: ["form_id", "question"],
                    foreignKeys: [toForms, toAreas]))
        }

        tables.append(
            Table(
                name: "waves",
                descriptionNL: "Eén rij per meetmoment: naam en eerste en laatste dag",
                descriptionEN: "One row per wave: its name and first and last day",
                fields: [
                    f("wave", .string, "", .values(v.waves), required: true, nl: "Meetmoment-id", en: "Wave id"),
                    f(
                        "label", .string, "", .any, required: true,
                        nl: "Naam van het meetmoment (uit Pipeline.yml, of Schooljaar …)",
                        en: "The wave's name (from Pipeline.yml, or Schooljaar … for a school year)"),
                    f(
                        "start", .date, "", .any, nl: "Eerste dag (inbegrepen); leeg als onbekend",
                        en: "First day (included); empty when unknown"),
                    f(
                        "end", .date, "", .any, nl: "Laatste dag (inbegrepen); leeg als onbekend",
                        en: "Last day (included); empty when unknown"),
                ],
                primaryKey: ["wave"]))
        tables.append(
            Table(
                name: "areas",
                descriptionNL: "Eén rij per bekwaamheidsgebied of voorwaarde: naam zoals de rapporten die tonen",
                descriptionEN: "One row per competency area or condition: its name as the reports show it",
                fields: [
                    f("area", .string, "", .values(v.areas), required: true, nl: "Gebied-id", en: "Area id"),
                    f(
                        "scope", .string, "", .values(scopes), required: true,
                        nl: "wpb: gebied van de wpb-instrumenten; school: voorwaarde van de scan opleidingsschool",
                        en: "wpb: area of the wpb instruments; school: condition of the training-school scan"),
                    f(
                        "position", .integer, "", .positive, required: true,
                        nl: "Plaats binnen de scope (1 = eerste; de assen van het spinnenweb)",
                        en: "Place within the scope (1 = first; the radar's axes)"),
                    f("name", .string, "", .any, required: true, nl: "Naam (Nederlands)", en: "Name (Dutch)"),
                    f("short_name", .string, "", .any, required: true, nl: "Korte naam", en: "Short name (Dutch)"),
                ],
                primaryKey: ["area"]))
        tables.append(
            Table(
                name: "scale_labels",
                descriptionNL: "De antwoordlabels per instrument, en per bron waar de export andere labels toonde",
                descriptionEN: "The answer labels per instrument, and per source where the export showed other labels",
                fields: [
                    f("instrument", .string, "", .values(v.instruments), required: true, nl: "Instrument", en: "Instrument"),
                    f(
                        "source", .string, "", .any,
                        nl: "Bron uit Pipeline.yml waarvan de export dit label toonde; leeg = het label van het instrument",
                        en: "Pipeline.yml source whose export showed this label; empty = the instrument's own label"),
                    f("score", .integer, "scale point", .any, required: true, nl: "Schaalwaarde", en: "Scale point"),
                    f(
                        "label", .string, "", .any, required: true, nl: "Label (bij een bron: kleine letters, zoals vergeleken)",
                        en: "Label (for a source: lowercased, as matched)"),
                ],
                primaryKey: []))
        tables.append(
            Table(
                name: "school_scores",
                descriptionNL:
                    "Eén rij per school × meetmoment × voorwaarde: de scan opleidingsschool door het team en de instituutsopleider",
                descriptionEN:
                    "One row per school × wave × condition: the training-school scan by the school's team and the instituutsopleider",
                fields: [
                    f(
                        "school_id", .string, "", .values(v.schools), required: true,
                        nl: "Opleidingsschool waar de scan over gaat (id uit het register)",
                        en: "The training school the scan is about (registry id)"),
                    partnership, wave, area,
                    score(
                        "self", nl: "Het team over de eigen school: gemiddelde gebiedsscore",
                        en: "The school's team on their own school: mean area score"),
                ] + Role.scanRoles.filter(\.isFeedback).map(roleScore) + [
                    gap("gap", nl: "Verschil team − instituutsopleider", en: "Gap: team − instituutsopleider"),
                    category,
                ],
                primaryKey: ["school_id", "wave", "area"],
                foreignKeys: [toWaves, toAreas]))
        tables.append(
            Self.wideTable(
                v, supervisor: supervisor, school: school, partnership: partnership, wave: wave,
                score: score, gap: gap, toWaves: toWaves))

        let fileNames = tables.map(\.file) + ["codebook.csv"]
        tables.append(
            Table(
                name: "codebook",
                descriptionNL: "Alle kolommen van alle bestanden", descriptionEN: "Every column of every file",
                fields: [
                    f("file", .string, "", .values(fileNames), required: true, nl: "Bestand", en: "File"),
                    f("column", .string, "", .any, required: true, nl: "Kolomnaam", en: "Column name"),
                    f(
                        "type", .string, "", .values(FieldType.allCases.map(\.rawValue)), required: true,
                        nl: "Type (Frictionless Table Schema)", en: "Type (Frictionless Table Schema)"),
                    f("unit", .string, "", .any, nl: "Eenheid", en: "Unit"),
                    f("allowed_values", .string, "", .any, nl: "Toegestane waarden", en: "Allowed values"),
                    f("meaning_nl", .string, "", .any, required: true, nl: "Betekenis (Nederlands)", en: "Meaning (Dutch)"),
                    f("meaning_en", .string, "", .any, required: true, nl: "Betekenis (Engels)", en: "Meaning (English)"),
                ],
                primaryKey: ["file", "column"]))
        self.tables = tables
    }

    func table(_ name: String) -> Table? { tables.first { $0.name == name } }
}
