import Foundation

/// `xl/workbook.xml`: the sheets in order with their relationship ids, and the date system.
final class WorkbookPart: XMLPartHandler {
    struct Sheet {
        var name: String
        var relation: String
    }
    var sheets: [Sheet] = []
    var uses1904Dates = false

    func start(_ element: String, attributes: [String: String]) {
        switch element {
        case "sheet":
            let relation = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") || $0.key == "id" }?.value
            if let name = attributes["name"], let relation { sheets.append(Sheet(name: name, relation: relation)) }
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            uses1904Dates = value == "1" || value == "true"
        default: break
        }
    }
    func end(_ element: String) {}
    func characters(_ text: String) {}
    var wantsText: Bool { false }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part, and where the shared strings and styles are.
final class RelationshipsPart: XMLPartHandler {
    var targets: [String: String] = [:]
    var sharedStrings: String?
    var styles: String?

    func start(_ element: String, attributes: [String: String]) {
        guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
        let type = attributes["Type"] ?? ""
        if type.hasSuffix("/sharedStrings") { sharedStrings = target }
        if type.hasSuffix("/styles") { styles = target }
    }
    func end(_ element: String) {}
    func characters(_ text: String) {}
    var wantsText: Bool { false }
}

/// `xl/sharedStrings.xml`: each `<si>` is one string, its `<t>` texts joined (rich text runs);
/// phonetic runs (`<rPh>`) are not part of the text.
final class SharedStringsPart: XMLPartHandler {
    let file: String
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    private var characterCount = 0
    private(set) var failure: IngestError?

    init(file: String) { self.file = file }

    func start(_ element: String, attributes: [String: String]) {
        switch element {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func end(_ element: String) {
        switch element {
        case "si":
            strings.append(current)
            if strings.count > XLSXWorkbook.Limits.sharedStrings {
                failure = .unreadableWorkbook(file: file, reason: "more than \(XLSXWorkbook.Limits.sharedStrings) shared strings")
            }
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    var wantsText: Bool { inText }

    func characters(_ text: String) {
        guard inText else { return }
        let text = XMLText.prefix(text, fitting: XLSXWorkbook.Limits.cellBytes - current.utf8.count)
        characterCount += text.utf8.count
        if characterCount > XLSXWorkbook.Limits.sharedStringCharacters {
            failure = .unreadableWorkbook(
                file: file, reason: "the shared strings exceed \(XLSXWorkbook.Limits.sharedStringCharacters >> 20) MiB")
            return
        }
        current += text
    }
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, indexed by a cell's `s`) show numbers as dates.
final class StylesPart: XMLPartHandler {
    private var customFormats: [Int: String] = [:]
    private var inCellFormats = false
    private(set) var dateStyles: [Bool] = []

    func start(_ element: String, attributes: [String: String]) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            dateStyles.append(Self.isDate(formatID: id, code: customFormats[id]))
        default: break
        }
    }

    func end(_ element: String) {
        if element == "cellXfs" { inCellFormats = false }
    }

    func characters(_ text: String) {}
    var wantsText: Bool { false }

    /// The built-in date and time formats (ECMA-376 §18.8.30: 14–22, 45–47, and the East Asian
    /// 27–36, 50–58), or a custom code with a day, month, year, hour or second outside quotes,
    /// escapes and brackets (`[Red]`, `[$-413]`).
    static func isDate(formatID: Int, code: String?) -> Bool {
        if (14...22).contains(formatID) || (45...47).contains(formatID) || (27...36).contains(formatID)
            || (50...58).contains(formatID)
        {
            return true
        }
        guard let code else { return false }
        var inQuotes = false, inBrackets = false, escaped = false
        for character in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case "d", "m", "y", "h", "s":
                if !inQuotes && !inBrackets { return true }
            default: break
            }
        }
        return false
    }
}

/// One worksheet's cells, row by row (ECMA-376 §18.3.1.73 `row`, §18.3.1.4 `c`).
///
/// Cell types: shared string (`s`), inline string (`inlineStr`), formula string (`str`), boolean
/// (`b`), error (`e`), and number (no type, or `n`); a number with a date style is written as
/// `yyyy-MM-dd HH:mm:ss`, which the default date formats read.
final class SheetPart: XMLPartHandler {
    private unowned let workbook: XLSXWorkbook
    private var row = 0
    private var cells: [(column: Int, text: String)] = []
    private var cellColumn = 0
    private var nextColumn = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var inValue = false
    private var inInlineText = false
    private var inPhonetic = false
    private(set) var failure: IngestError?
    /// Rows read but not yet taken, each with the first of the blank rows before it (rows a sheet
    /// leaves out, which a CSV save writes as empty lines); kept lazily so a jump to row 1,000,000
    /// costs nothing until the rows are taken.
    private var ready: [(firstBlank: Int, number: Int, cells: [(column: Int, text: String)])] = []
    private var readyIndex = 0
    /// The last row queued; rows before the first one are not blank rows of the data.
    private var lastQueued = 0

    init(workbook: XLSXWorkbook) { self.workbook = workbook }

    var wantsText: Bool { inValue || inInlineText }

    /// The next row read, a blank row for a number the sheet skipped, or nil when none is ready.
    func takeRow() -> (number: Int, cells: [(column: Int, text: String)])? {
        guard readyIndex < ready.count else {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            return nil
        }
        let next = ready[readyIndex]
        if next.firstBlank < next.number {
            ready[readyIndex].firstBlank += 1
            return (next.firstBlank, [])
        }
        readyIndex += 1
        return (next.number, next.cells)
    }

    func start(_ element: String, attributes: [String: String]) {
        switch element {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? row + 1
            guard number > row, number <= XLSXWorkbook.Limits.rows else {
                failure = .unreadableWorkbook(
                    file: workbook.url.path, reason: "row \(number) is out of order or beyond Excel's last row")
                return
            }
            row = number
            cells.removeAll(keepingCapacity: true)
            nextColumn = 0
        case "c":
            cellColumn = attributes["r"].flatMap(Self.column(ofReference:)) ?? nextColumn
            guard cellColumn < XLSXWorkbook.Limits.columns else {
                failure = .unreadableWorkbook(
                    file: workbook.url.path, reason: "a cell in row \(row) lies beyond Excel's last column")
                return
            }
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v": inValue = true
        case "t": inInlineText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func end(_ element: String) {
        switch element {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            guard let text = cellText() else { return }
            cells.append((cellColumn, text))
        case "row":
            // Before the first row with cells there is no data; after it, an empty row is a blank row.
            guard lastQueued > 0 || !cells.isEmpty else { return }
            ready.append((lastQueued == 0 ? row : lastQueued + 1, row, cells))
            lastQueued = row
        default: break
        }
    }

    func characters(_ text: String) {
        if inValue || inInlineText {
            value += XMLText.prefix(text, fitting: XLSXWorkbook.Limits.cellBytes - value.utf8.count)
        }
    }

    private func cellText() -> String? {
        switch cellType {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), workbook.sharedStrings.indices.contains(index)
            else {
                failure = .unreadableWorkbook(
                    file: workbook.url.path,
                    reason:
                        "cell \(Self.reference(column: cellColumn, row: row)) names shared string '\(Excerpt.cut(value))', which does not exist"
                )
                return nil
            }
            return workbook.sharedStrings[index]
        case "inlineStr", "str", "e":
            return value
        case "b":
            return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        default:
            if workbook.dateStyles.indices.contains(cellStyle) && workbook.dateStyles[cellStyle],
                let serial = Double(value), let text = ExcelDate.text(serial: serial, uses1904: workbook.uses1904Dates)
            {
                return text
            }
            return value
        }
    }

    /// The 0-based column of a reference like `AB12`.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= 0x41 && byte <= 0x5A else { break }
            column = column * 26 + Int(byte - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// `E12` for column 4 (0-based) of row 12.
    static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return "\(letters)\(row)"
    }
}
