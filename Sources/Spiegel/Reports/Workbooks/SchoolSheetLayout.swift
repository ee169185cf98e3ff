/// Where the school workbook puts its tables: sheet names, table numbers and the cells of the figures the summary
/// cites, in one place, so a sentence names the table and row that the sheet actually writes.
enum SchoolSheetLayout {
    static let summary = "Samenvatting"
    static let comparison = "School en partnerschap"
    static let radar = "Spinnenweb"
    static let trend = "Trend"
    static let shares = "Zelfinschatting"
    static let response = "Respons"
    static let change = "Verandering"
    static let about = "Over dit werkboek"

    /// The sheets with a numbered table, in workbook order: change and trend only from two waves on, the tables
    /// per wave only when the school has a figure of its own.
    static func tableSheets(waveCount: Int, ownFigures: Bool) -> [String] {
        guard ownFigures else { return [summary, response] }
        let several = waveCount >= 2
        return [summary, comparison, shares] + (several ? [change] : []) + [radar] + (several ? [trend] : []) + [response]
    }

    /// "Tabel 2": the number a sheet's table is referred to by, on paper.
    static func table(_ sheet: String, waveCount: Int, ownFigures: Bool) -> String {
        "Tabel \((tableSheets(waveCount: waveCount, ownFigures: ownFigures).firstIndex(of: sheet) ?? 0) + 1)"
    }

    /// Tabel 1, on the summary sheet: the five areas of the latest wave.
    static let overviewTable = "Tabel 1"
    /// The header row of Tabel 1 (0-based), below the title, the note and the table's caption.
    static let overviewHeaderRow = 4
    static let overviewFirstRow = overviewHeaderRow + 1

    /// The header row of every table sheet (0-based); title and note sit above it.
    static let headerRow = 3

    /// The 0-based row of a wave × area on the comparison and shares sheets (every wave, every area, in order).
    static func tableRow(waveIndex: Int, areaIndex: Int, areaCount: Int) -> Int {
        headerRow + 1 + waveIndex * areaCount + areaIndex
    }

    /// The 0-based row of the `index`-th response line of the school.
    static func responseRow(_ index: Int) -> Int { headerRow + 1 + index }

    /// The columns of the response table.
    static let responseRosterColumn = 1
    static let responseSelfColumn = 2
    static let responseStudentColumn = 3
    static let responseSchoolopleiderColumn = 4
    static let responseTriadColumn = 5
}
