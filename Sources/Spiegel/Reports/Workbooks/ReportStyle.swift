import XLSXWriter

/// The look shared by every Spiegel workbook: one place for colours and cell styles.
enum ReportStyle {
    // Colours (RGB). A dark blue for headings, soft fills, and colour-blind-safe series colours.
    static let headingBlue: UInt32 = 0x1F4E79
    static let headerFill: UInt32 = 0xDDEBF7
    static let partnershipFill: UInt32 = 0xF2F2F2
    static let suppressedFill: UInt32 = 0xEDEDED
    static let suppressedText: UInt32 = 0x7F7F7F
    static let highlightFill: UInt32 = 0xFCE4D6
    static let strengthFill: UInt32 = 0xDDEBF7

    /// Series colours (Okabe–Ito, readable for colour-blind readers): self blue, feedback vermillion, the
    /// partnership's lines in the lighter sky blue and orange. A role's own line (the personal radar) has the
    /// role's colour (``RoleDescription/colour``). Charts also give every line its own dash, so colour is never
    /// the only difference.
    static let selfColor: UInt32 = Role.selfAssessment.about.colour
    static let feedbackColor: UInt32 = 0xD55E00
    static let partnershipSelfColor: UInt32 = 0x56B4E9
    static let partnershipFeedbackColor: UInt32 = 0xE69F00

    /// Colour scale for scores: low red, middle yellow, high green.
    static let scaleLow: UInt32 = 0xF8696B
    static let scaleMid: UInt32 = 0xFFEB84
    static let scaleHigh: UInt32 = 0x63BE7B
    /// Colour scale for gaps: hidden strength blue, agreement white, blind spot orange.
    static let gapLow: UInt32 = 0x5B9BD5
    static let gapMid: UInt32 = 0xFFFFFF
    static let gapHigh: UInt32 = 0xF4B183

    static let title = CellStyle(bold: true, fontSize: 14, fontColor: headingBlue)
    static let subtitle = CellStyle(bold: true, fontSize: 11, fontColor: headingBlue)
    static let header = CellStyle(
        bold: true, fillColor: headerFill, wrapsText: true, verticallyCentered: true, bottomBorder: true)
    static let label = CellStyle(bold: true)
    static let text = CellStyle.plain
    static let wrapped = CellStyle(wrapsText: true, alignedTop: true)
    static let topLabel = CellStyle(bold: true, alignedTop: true)
    static let top = CellStyle(alignedTop: true)
    static let note = CellStyle(italic: true, fontColor: suppressedText, wrapsText: false)
    /// A remark beside a table row, wrapped within its column.
    static let remark = CellStyle(italic: true, fontColor: suppressedText, wrapsText: true, alignedTop: true)
    static let score = CellStyle(numberFormat: "0.0")
    /// A signed score at one decimal; a value that rounds to zero shows "0,0" without a sign, which would read
    /// as a direction that is not there. The cell keeps the unrounded value.
    static let signedFormat = "[>=0.05]+0.0;[<=-0.05]-0.0;0.0"
    static let signedScore = CellStyle(numberFormat: signedFormat)
    static let percent = CellStyle(numberFormat: "0%")
    static let integer = CellStyle(numberFormat: "0")
    static let alpha = CellStyle(numberFormat: "0.00")
    static let partnershipLabel = CellStyle(bold: true, fillColor: partnershipFill)
    static let partnershipScore = CellStyle(bold: true, fillColor: partnershipFill, numberFormat: "0.0")
    static let partnershipSignedScore = CellStyle(bold: true, fillColor: partnershipFill, numberFormat: signedFormat)
    /// A suppressed value in a table a chart reads: empty (a chart plots text as 0) but grey.
    static let suppressedScore = CellStyle(fillColor: suppressedFill, numberFormat: "0.0")
    /// What MT workbooks show instead of a suppressed number. It wraps: "onderdrukt (herleidbaar)" is
    /// wider than a number column, and centred text that does not fit is cut off on both sides.
    static let suppressed = CellStyle(
        italic: true, fontColor: suppressedText, fillColor: suppressedFill, alignment: .center,
        wrapsText: true)
    /// Width of a column that may hold ``suppressed`` text: "onderdrukt (n < 3)" fits on one line.
    static let suppressibleColumnWidth: Double = 19
    /// The coordinator's view of a number MT will not see: the number, marked with an asterisk.
    static let markedScore = CellStyle(italic: true, fontColor: suppressedText, numberFormat: "0.0\"*\"")
    static let markedSignedScore = CellStyle(
        italic: true, fontColor: suppressedText, numberFormat: "[>=0.05]+0.0\"*\";[<=-0.05]-0.0\"*\";0.0\"*\"")
    static let markedPercent = CellStyle(italic: true, fontColor: suppressedText, numberFormat: "0%\"*\"")
    static let highlightedGap = CellStyle(bold: true, fillColor: highlightFill, numberFormat: signedFormat)
    static let strengthGap = CellStyle(bold: true, fillColor: strengthFill, numberFormat: signedFormat)
}
