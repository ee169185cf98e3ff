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
    /// The item table: below the change table, which leaves room on its page (below the shares with one wave).
    static let items = "Uitspraken"
    /// The school's own scan, on the ``response`` sheet below the response.
    static let scan = "Scan opleidingsschool"

    /// The sheet a table is on: its own, except the item table and the scan, which share a page with a short table
    /// so that the workbook stays within eight printed pages.
    static func sheet(ofTable table: String, waveCount: Int) -> String {
        switch table {
        case items: waveCount >= 2 ? change : shares
        case scan: response
        default: table
        }
    }

    /// Which sheets a school's workbook has.
    struct Sheets: Equatable {
        var waveCount: Int
        /// Whether the school has a figure of its own: the tables per wave.
        var ownFigures: Bool
        /// Whether it shows mirrored items (a wave with released item shares).
        var items = false
        /// Whether it shows a table of its own training-school scan.
        var scan = false

        /// The numbered tables, in workbook order (each sheet's table, the item table after the change table or
        /// the shares, the scan after the response): change and trend only from two waves on, the tables per wave only when the school
        /// has a figure of its own, items and scan only when there are any.
        var tableSheets: [String] {
            let scanTable = scan ? [SchoolSheetLayout.scan] : []
            guard ownFigures else { return [summary, response] + scanTable }
            let several = waveCount >= 2
            let itemTable = items ? [SchoolSheetLayout.items] : []
            return [summary, comparison, shares] + (several ? [change] + itemTable : itemTable) + [radar]
                + (several ? [trend] : []) + [response] + scanTable
        }

        /// "Tabel 2": the number a sheet's table is referred to by, on paper.
        func table(_ sheet: String) -> String { "Tabel \((tableSheets.firstIndex(of: sheet) ?? 0) + 1)" }
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
    /// The count of a split feedback role (``Role/splitRoles``), after the self-scans, in role order.
    static func responseFeedbackColumn(_ role: Role) -> Int {
        responseSelfColumn + 1 + (Role.splitRoles.firstIndex(of: role) ?? 0)
    }
    static let responseTriadColumn = responseSelfColumn + 1 + Role.splitRoles.count
}
