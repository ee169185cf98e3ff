/// How a cell looks. Workbooks turn each distinct style into one libxlsxwriter format, once.
public struct CellStyle: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case general, left, center, right }

    public var bold = false
    public var italic = false
    public var fontSize: Double? = nil
    /// RGB, e.g. `0x1F4E79`.
    public var fontColor: UInt32? = nil
    /// RGB fill colour.
    public var fillColor: UInt32? = nil
    /// An Excel number format such as `0.0` or `0%`.
    public var numberFormat: String? = nil
    public var alignment: Alignment = .general
    public var wrapsText = false
    public var verticallyCentered = false
    /// Text starts at the top of the cell; for wrapped text in tall rows.
    public var alignedTop = false
    public var bottomBorder = false
    public var border = false

    public init(
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
    public static let plain = CellStyle()
}
