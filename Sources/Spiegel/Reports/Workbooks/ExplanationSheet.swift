import XLSXWriter

/// The *Toelichting* sheet: every measure in a workbook explained in plain Dutch, so a reader
/// without a statistician at hand can read the numbers.
struct ExplanationSheet {
    /// Who reads the workbook; the explanation names only what their workbook shows.
    enum Audience { case coordinator, management, supervisor }

    let context: ReportContext
    let audience: Audience
    let printHeader: String

    /// Every term the audience's workbook shows, with its explanation.
    ///
    /// A declarative table, long on purpose: the texts in reading order, each entry a term and its plain-Dutch
    /// explanation, with the few audience conditions inline.
    func entries() -> [(term: String, explanation: String)] {
        let scale = context.supervisorScale
        let t = Dutch.number(context.threshold)
        let k = context.minimumGroupSize
        var entries: [(String, String)] = [
            (
                "Zelfbeeld",
                "Het gemiddelde antwoord van de werkplekbegeleider (wpb) op de zelfscan, per bekwaamheidsgebied. "
                    + "De schaal loopt van \(scale.minimum) (helemaal niet) tot \(scale.maximum) (helemaal). "
                    + "Niet beantwoorde vragen tellen niet mee (ze tellen nooit als 0)."
            ),
            (
                "Feedback",
                "Het gemiddelde van de beoordelingen door anderen: "
                    + SchoolSummary.list(Role.splitRoles.map(\.about.reference)) + ". "
                    + "Elke rol telt één keer mee, ook als een wpb door twee studenten is beoordeeld "
                    + "(hun scores worden eerst gemiddeld)."
            ),
            (
                "Verschil zelfbeeld − feedback",
                "Zelfbeeld min feedback. Positief: de wpb schat zichzelf hoger in dan anderen doen. "
                    + "Negatief: anderen zien meer dan de wpb zelf. Er is alleen een verschil als beide kanten er zijn."
            ),
            (
                "Blinde vlek / verborgen kracht",
                "Per wpb: een verschil zelfbeeld − feedback van +\(t) of meer is een blinde vlek (overschatting), van "
                    + "−\(t) of minder een verborgen kracht (onderschatting); daartussen: in overeenstemming. Het "
                    + "gemiddelde verschil van een groep heet 'verschil zelfbeeld − feedback', niet blinde vlek. De "
                    + "drempel van \(t) schaalpunt stelt de coördinator in."
            ),
            ("n", "Het aantal personen (wpb's) waarover een cijfer gaat. Iedere persoon telt één keer mee."),
            ("Meetmoment", "Een periode waarin de scans en feedback zijn ingevuld, bijvoorbeeld een schooljaar."),
        ]
        switch audience {
        case .coordinator:
            entries += [
                (
                    "Onderdrukt (*)",
                    "Een cijfer over minder dan \(k) personen is gemarkeerd met * en grijs. De MT-werkboeken tonen "
                        + "dat cijfer niet, maar de tekst 'onderdrukt' met de reden; u ziet hier wat het MT niet ziet. "
                        + "Ook het cijfer van een grotere school kan gemarkeerd zijn: uit het partnerschapsgemiddelde "
                        + "en de cijfers van de andere scholen zou anders de kleine groep te herleiden zijn."
                ),
                (
                    "Respons",
                    "Per school en meetmoment: wpb's op de lijst, ontvangen zelfscans, feedback van "
                        + Role.splitRoles.map(\.about.plural).joined(separator: " en van ") + ", en complete "
                        + SchoolSummary.word(Analyzer.triadRoles.count) + "tallen ("
                        + Analyzer.triadRoles.map { $0.isFeedback ? $0.shortLabel : $0.about.formName }
                        .joined(separator: " + ") + ")."
                ),
                ("Ontbrekend", "Wie nog welke formulieren mist. Alleen in dit werkboek: namen gaan nooit naar het MT."),
                (
                    "Verandering",
                    "Later meetmoment min eerder meetmoment, alleen over wpb's die op beide momenten meededen. "
                        + "Positief: hoger dan de vorige keer."
                ),
                (
                    "Betrouwbaarheid (alfa)",
                    "Cronbachs alfa: hoe sterk de vragen binnen één gebied samenhangen, berekend over volledig "
                        + "ingevulde formulieren. Vanaf 0,70 is een gebied doorgaans betrouwbaar genoeg om als één "
                        + "score te lezen; bij weinig formulieren (kleine n) is de alfa onzeker."
                ),
                (
                    "Scan opleidingsschool",
                    "Het gemiddelde per voorwaarde van het opleidingsteam van de school (zelfbeeld) en van de "
                        + "instituutsopleider, en het verschil daartussen."
                ),
                (
                    "Standaardafwijking",
                    "Hoe ver de scores gemiddeld van het gemiddelde af liggen; groot betekent veel verschil tussen personen."
                ),
            ]
        case .management:
            entries += [
                ("Partnerschap", "Het gemiddelde over alle wpb's van alle scholen in het partnerschap, ter vergelijking."),
                (
                    "Onderdrukt",
                    "Een cijfer over minder dan \(k) personen wordt niet getoond, zodat niemand de score van één persoon "
                        + "kan herleiden. Soms is ook een cijfer over meer personen onderdrukt ('herleidbaar'): samen met "
                        + "het partnerschapsgemiddelde zou het de cijfers van een kleine groep op een andere school "
                        + "verraden. In de cel staat dan 'onderdrukt' met de reden. Dit werkboek bevat geen "
                        + "individuele scores of namen."
                ),
                (
                    "Spinnenweb",
                    "Elke as is een bekwaamheidsgebied; hoe verder naar buiten, hoe hoger de score "
                        + "(van \(scale.minimum) tot \(scale.maximum)). Een ontbrekend punt betekent: onderdrukt of geen gegevens."
                ),
                (
                    "Respons",
                    "Aantallen ontvangen formulieren per meetmoment. Namen van wie ontbreekt staan alleen bij de coördinator."
                ),
                (
                    "Verandering",
                    "Later meetmoment min eerder meetmoment, over de wpb's die op beide momenten meededen. Waar dat "
                        + "cijfer onderdrukt is, staat het verschil tussen de groepen van beide meetmomenten (niet "
                        + "dezelfde wpb's): het verschil van twee getoonde gemiddelden."
                ),
                (
                    "Samenvatting",
                    "Zinnen die uit de getoonde cijfers zijn afgeleid; elke zin noemt de tabel (Tabel 1 ernaast) en het "
                        + "gebied en meetmoment van het cijfer. Over een onderdrukt cijfer staat er geen zin."
                ),
            ]
        case .supervisor:
            entries += [
                (
                    Role.splitRoles.map(\.dutchLabel).joined(separator: " / "),
                    "Het gemiddelde van de feedback van "
                        + Role.splitRoles.map(\.about.reference).joined(separator: " en van ") + ", apart getoond."
                ),
                (
                    "Vraag-voor-vraag",
                    "Voor vragen die in de zelfscan en de feedback hetzelfde zijn geformuleerd staat de gap per vraag. "
                        + "Gekleurd: |gap| ≥ \(t) (oranje: overschatting, blauw: onderschatting)."
                ),
                ("Feed forward", "De open antwoorden van studenten en schoolopleider, letterlijk overgenomen."),
            ]
        }
        return entries
    }

    func write(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Toelichting")
        try sheet.text("Toelichting: wat betekenen de cijfers?", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("Regel: \(context.gapRule)", 1, 0, ReportStyle.note, measured: false)
        try sheet.header(["Begrip", "Uitleg"], row: 3)
        for (offset, entry) in entries().enumerated() {
            try sheet.text(entry.term, 4 + offset, 0, ReportStyle.topLabel)
            try sheet.text(entry.explanation, 4 + offset, 1, ReportStyle.wrapped, measured: false)
        }
        sheet.fixWidth(26, column: 0)
        sheet.fixWidth(100, column: 1)
        try sheet.worksheet.freezePanes(row: 4)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.finish()
    }
}
