/// How a cell looks. Workbooks turn each distinct style into one libxlsxwriter format, once.
package struct CellStyle: Hashable, Sendable {
    package enum Alignment: Hashable, Sendable { case general, left, center, right }

    package var bold = false
    package var italic = false
    package var fontSize: Double? = nil
    /// RGB, e.g. `0x1F4E79`.
    package var fontColor: UInt32? = nil
    /// RGB fill colour.
    package var fillColor: UInt32? = nil
    /// An Excel number format such as `0.0` or `0%`.
    package var numberFormat: String? = nil
    package var alignment: Alignment = .general
    package var wrapsText = false
    package var verticallyCentered = false
    /// Text starts at the top of the cell; for wrapped text in tall rows.
    package var alignedTop = false
    package var bottomBorder = false
    package var border = false

    package init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        fillColor: UInt32? = nil, numberFormat: String? = nil, alignment: Alignment = .general,
        wrapsText: Bool = false, verticallyCentered: Bool = false, alignedTop: Bool = false, bottomBorder: Bool = false,
        border: Bool = false
    ) {
        self.alignedTop = alignedTop
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.numberFormat = numberFormat
        self.alignment = alignment
        self.wrapsText = wrapsText
        self.verticallyCentered = verticallyCentered
        self.bottomBorder = bottomBorder
        self.border = border
    }

    /// The default look: no format at all.
    package static let plain = CellStyle()
}
