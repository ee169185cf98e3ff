import Foundation

/// `quarantine.csv` and its Dutch Excel copy: every input row not used, for the coordinator (they hold raw
/// records, so names).
enum QuarantineFile {
    static let fileName = "quarantine.csv"
    /// `;`, BOM and Dutch reason texts, for a double click in Dutch Excel.
    static let excelFileName = "quarantine-excel.csv"
    static var fileNames: [String] { [fileName, excelFileName] }

    static let columns = ["file", "line", "reason", "action_needed", "message", "raw_record"]
    static let excelColumns = ["file", "line", "reason", "reden", "action_needed", "message", "raw_record"]

    /// Writes both files into `folder`, records in the order given (ingest sorts them by file and line).
    static func write(_ records: [QuarantineRecord], into folder: URL) throws {
        let writer = try CSVWriter(creatingFileAt: folder.appendingPathComponent(fileName))
        try writer.writeHeader(columns)
        for record in records {
            try writer.writeRow([
                .text(record.origin.file), .integer(record.origin.line), .text(record.reason.rawValue),
                .text(record.reason.needsAction ? "yes" : "no"), .text(record.message), .text(record.rawRecord),
            ])
        }
        try writer.finish()

        let excel = try CSVWriter(creatingFileAt: folder.appendingPathComponent(excelFileName), options: .excelFriendly)
        try excel.writeHeader(excelColumns)
        for record in records {
            try excel.writeRow([
                .text(record.origin.file), .integer(record.origin.line), .text(record.reason.rawValue),
                .text(record.reason.dutchExplanation), .text(record.reason.needsAction ? "ja" : "nee"),
                .text(record.message), .text(escaped(record.rawRecord)),
            ])
        }
        try excel.finish()
    }

    /// The raw record on one visible line: Excel shows a field's line breaks as one tall cell and some
    /// versions split the row there, so CR, LF and tab become `\r`, `\n`, `\t` and a backslash `\\`.
    /// (Formula characters are neutralised by ``CSVWriter/Options/excelFriendly``.)
    static func escaped(_ raw: String) -> String {
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        for character in raw.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}

extension QuarantineReason {
    /// What the reason means and what to do, in Dutch, for the Excel copy of the quarantine.
    var dutchExplanation: String {
        switch self {
        case .malformedQuote: "Aanhalingstekens in de regel kloppen niet; exporteer het bestand opnieuw."
        case .missingCells: "De regel heeft minder kolommen dan de kopregel; exporteer het bestand opnieuw."
        case .extraCells: "De regel heeft meer kolommen dan de kopregel; exporteer het bestand opnieuw."
        case .blankRow: "Lege regel; geen actie nodig."
        case .repeatedHeader: "De kopregel staat nog eens in het bestand (twee exports aan elkaar?); geen actie nodig."
        case .unknownSchool: "School onbekend in het register; voeg de school toe of verbeter de naam of BRIN-code."
        case .unknownSubject: "Werkplekbegeleider staat niet op de lijst; voeg hem of haar toe of verbeter het adres."
        case .missingIdentifier: "Wie het formulier invulde of over wie het gaat ontbreekt; vul het aan in de export."
        case .unmappedAnswer: "Antwoord niet herkend; voeg het label toe onder answer_labels in Pipeline.yml."
        case .outOfRange: "Antwoord buiten de schaal; verbeter het antwoord of de schaal van het instrument."
        case .badDate: "Datum van inzending niet te lezen; voeg het formaat toe onder date_formats in Pipeline.yml."
        case .noWave: "Datum valt in geen enkel meetmoment; pas de meetmomenten (waves) in Pipeline.yml aan."
        case .superseded: "Dubbel ingevuld; de laatste inzending telt. Geen actie nodig."
        case .encodingError: "Tekens niet te lezen (codering); exporteer het bestand opnieuw als UTF-8."
        case .noAnswers: "Formulier zonder antwoorden; vraag of het opnieuw ingevuld kan worden."
        }
    }
}
