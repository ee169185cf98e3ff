/// Why the released view withholds a number from a management team or the public (docs/analysis.md, "Disclosure").
enum WithholdingReason: Sendable, Equatable, Hashable {
    /// The row's population has fewer than *k* subjects.
    case smallGroup(n: Int, minimum: Int)
    /// The wave has not closed yet: figures that change from night to night could be subtracted.
    case waveOpen(closes: Day)
    /// One category holds every member, or all but one: the shares would tell members each other's category.
    case dominantCategory
    /// A role's population differs from the row's by 1 … k − 1 subjects, so the row's feedback and the role
    /// means together would give away those subjects' other-role score.
    case rolePopulationDiffers(minimum: Int)
    /// The wpbs present in both waves differ from a wave's shown population by 1 … k − 1 subjects.
    case panelDiffers(minimum: Int)
    /// A partnership benchmark over fewer than the minimum number of schools with a shown figure.
    case tooFewSchools(schools: Int, minimum: Int)
    /// A re-released figure whose population differs from an earlier release of it by 1 … k − 1 subjects.
    case lateChange(minimum: Int)
    /// The independent auditor (``DisclosureAuditor``) found that the figure, with what was released before,
    /// would give away one subject's value or a difference of 1 … k − 1 subjects.
    case auditFailed(minimum: Int)
    /// An item's figures would rest on other wpbs than its area's row (some did not answer the item): the item and
    /// area figures together would give away the score of the wpbs in between.
    case itemPopulationDiffers

    /// The stable codes of CSV output, one per case: a data package lists them all as a column's allowed values.
    enum Code: String, CaseIterable, Sendable {
        case smallGroup = "small-group"
        case waveOpen = "wave-open"
        case dominantCategory = "dominant-category"
        case rolePopulationDiffers = "role-population-differs"
        case panelDiffers = "panel-differs"
        case tooFewSchools = "too-few-schools"
        case lateChange = "late-change"
        case auditFailed = "audit"
        case itemPopulationDiffers = "item-population-differs"
    }

    /// This reason's ``Code``; the switch makes a new case name its code before anything compiles.
    var kind: Code {
        switch self {
        case .smallGroup: .smallGroup
        case .waveOpen: .waveOpen
        case .dominantCategory: .dominantCategory
        case .rolePopulationDiffers: .rolePopulationDiffers
        case .panelDiffers: .panelDiffers
        case .tooFewSchools: .tooFewSchools
        case .lateChange: .lateChange
        case .auditFailed: .auditFailed
        case .itemPopulationDiffers: .itemPopulationDiffers
        }
    }

    /// A stable code for CSV output.
    var code: String { kind.rawValue }

    /// What a workbook cell shows instead of the number, short enough for a column.
    var dutchCellText: String {
        switch self {
        case let .smallGroup(_, minimum): "onderdrukt (n < \(minimum))"
        case .waveOpen: "nog open"
        case .dominantCategory: "onderdrukt (herleidbaar)"
        case .rolePopulationDiffers, .panelDiffers, .lateChange, .auditFailed, .itemPopulationDiffers:
            "onderdrukt (herleidbaar)"
        case .tooFewSchools: "onderdrukt (te weinig scholen)"
        }
    }

    /// The reason in a sentence, for the remark column and the explanation sheet.
    var dutchExplanation: String {
        switch self {
        case let .smallGroup(n, minimum):
            "minder dan \(minimum) personen (n = \(n))"
        case let .waveOpen(closes):
            "het meetmoment loopt nog (tot en met \(closes)); cijfers verschijnen als het is afgesloten"
        case .dominantCategory:
            "(bijna) iedereen valt in dezelfde categorie, dus de verdeling zou ieders categorie verraden"
        case let .rolePopulationDiffers(minimum):
            "de groep met deze rol verschilt met 1 tot \(minimum - 1) personen van de hele groep"
        case let .panelDiffers(minimum):
            "de wpb's op beide meetmomenten verschillen met 1 tot \(minimum - 1) personen van een meetmoment"
        case let .tooFewSchools(schools, minimum):
            "partnerschapscijfer over \(schools) school/scholen; minimaal \(minimum) nodig"
        case let .lateChange(minimum):
            "na publicatie veranderd met minder dan \(minimum) personen (late formulieren)"
        case let .auditFailed(minimum):
            "samen met eerder gepubliceerde cijfers zou dit cijfers van minder dan \(minimum) personen verraden"
        case .itemPopulationDiffers:
            "niet alle wpb's van het gebied beantwoordden deze uitspraak; met de cijfers van het gebied samen zou "
                + "dat herleidbaar zijn"
        }
    }
}
