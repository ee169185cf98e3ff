/// Where the school workbook puts its tables: sheet names and the row of each figure, in one place, so the
/// summary's sentences name the row that the table sheet actually writes.
enum SchoolSheetLayout {
    static let summary = "Samenvatting"
    static let comparison = "School en partnerschap"
    static let radar = "Spinnenweb"
    static let trend = "Trend"
    static let shares = "Zelfinschatting"
    static let response = "Respons"
    static let change = "Verandering"
    static let about = "Over dit werkboek"

    /// The header row of every table sheet (0-based); title and note sit above it.
    static let headerRow = 3

    /// The 0-based row of a wave × area on the comparison and shares sheets (every wave, every area, in order).
    static func tableRow(waveIndex: Int, areaIndex: Int, areaCount: Int) -> Int {
        headerRow + 1 + waveIndex * areaCount + areaIndex
    }

    /// The 0-based row of the change into wave `waveIndex` (≥ 1) on the change sheet.
    static func changeRow(waveIndex: Int, areaIndex: Int, areaCount: Int) -> Int {
        headerRow + 1 + (waveIndex - 1) * areaCount + areaIndex
    }

    /// The 0-based row of the `index`-th response line of the school.
    static func responseRow(_ index: Int) -> Int { headerRow + 1 + index }

    /// "blad School en partnerschap, rij 7": how a sentence names its source (Excel counts rows from 1).
    static func source(_ sheet: String, row: Int) -> String { "blad \(sheet), rij \(row + 1)" }
}
