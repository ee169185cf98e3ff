import Foundation

extension ResearchSchema {
    /// One value of a wpb per area in `subject_wide.csv`, in column order within an area.
    enum WideMeasure: Hashable, Sendable {
        /// The score of one role that rates wpbs (``Role/supervisorRoles``).
        case role(Role)
        case feedback
        case gap
        /// Self − one split feedback role (``Role/splitRoles``).
        case roleGap(Role)
        case gapCategory

        /// Every column of an area, in order: the roles, feedback, gap, the split roles' gaps, the category.
        static let allCases: [WideMeasure] =
            Role.supervisorRoles.map(WideMeasure.role) + [.feedback, .gap] + Role.splitRoles.map(WideMeasure.roleGap)
            + [.gapCategory]

        /// The column name after the area's id: the measure's name in `aggregates.csv` (one naming, ``Measure``).
        var rawValue: String {
            switch self {
            case .role(let role): Measure.role(role).rawValue
            case .feedback: Measure.feedback.rawValue
            case .gap: Measure.gap.rawValue
            case .roleGap(let role): Measure.roleGap(role).rawValue
            case .gapCategory: "gap_category"
            }
        }

        /// Dutch, for the variable label after the area's short name.
        var labelNL: String {
            switch self {
            case .role(let role): role.shortLabel
            case .feedback: "feedback"
            case .gap: "verschil zelfbeeld − feedback"
            case .roleGap(let role): "verschil zelfbeeld − \(role.shortLabel)"
            case .gapCategory: "gapcategorie"
            }
        }

        var labelEN: String {
            switch self {
            case .role(.selfAssessment): "self score"
            case .role(let role): "\(role.rawValue) feedback"
            case .feedback: "feedback (mean of the roles present)"
            case .gap: "gap self − feedback"
            case .roleGap(let role): "gap self − \(role.rawValue)"
            case .gapCategory: "gap category"
            }
        }

        /// This value of one wpb's area, for the number columns (`nil` for the category).
        func value(of score: SubjectScore?) -> Double? {
            switch self {
            case .role(let role): score?.roleScore(role)
            case .feedback: score?.feedback
            case .gap: score?.gap
            case .roleGap(let role): score?.roleGap(role)
            case .gapCategory: nil
            }
        }
    }

    /// The gap categories as numbers, low to high, for `subject_wide.csv` (SPSS and R want coded categories).
    static let gapCategoryCodes: [(category: GapCategory, code: Code)] = [
        (.onderschatting, Code(value: -1, label: "onderschatting (verborgen kracht)")),
        (.inOvereenstemming, Code(value: 0, label: "in overeenstemming")),
        (.overschatting, Code(value: 1, label: "overschatting (blinde vlek)")),
    ]

    /// `subject_wide.csv`: one row per wpb × wave, one column per area × ``WideMeasure``, every name SPSS-safe
    /// (``SPSSVariableName``): `leraar-van-leraren` becomes `leraar_van_leraren_gap`.
    static func wideTable(
        _ v: Vocabulary, supervisor: Field, school: Field, partnership: Field, wave: Field,
        score: (String, String, String) -> Field, gap: (String, String, String) -> Field,
        toWaves: ForeignKey
    ) -> Table {
        var names = SPSSVariableName.Namer(taken: ["subject_pid", "school_id", "partnership_id", "wave"])
        var fields = [supervisor, school, partnership, wave]
        for area in v.supervisorAreas {
            for measure in WideMeasure.allCases {
                let name = names.name(for: area.id + "_" + measure.rawValue)
                let nl = "\(area.shortName): \(measure.labelNL)", en = "\(area.shortName) (\(area.id)): \(measure.labelEN)"
                switch measure {
                case .role, .feedback:
                    fields.append(score(name, nl, en))
                case .gap, .roleGap:
                    fields.append(gap(name, nl, en))
                case .gapCategory:
                    fields.append(
                        Field(
                            name: name, type: .integer, unit: "", allowed: .codes(gapCategoryCodes.map(\.code)),
                            required: false, meaningNL: nl + " (−1, 0, 1)", meaningEN: en + " (−1, 0, 1)"))
                }
            }
        }
        return Table(
            name: "subject_wide",
            descriptionNL: "Eén rij per werkplekbegeleider × meetmoment, een kolom per gebied × maat (namen geschikt voor SPSS)",
            descriptionEN: "One row per workplace supervisor × wave, a column per area × measure (SPSS-safe names)",
            fields: fields,
            primaryKey: ["subject_pid", "wave"],
            foreignKeys: [toWaves])
    }
}
