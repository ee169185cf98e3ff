import XLSXWriter

/// A three-colour scale over a column's data cells: the rule a column carries, so its range follows the column.
///
/// A column declares its scale (``ReportColumn/scale``, or a grid's area columns), and the code that writes the
/// column applies it over the cells it wrote: no lookup by header text, no column number kept by hand.
struct ColourScale {
    var minimum: Double
    var middle: Double
    var maximum: Double
    var low: UInt32
    var mid: UInt32
    var high: UInt32

    /// Scores on `scale`: low red, middle yellow, high green.
    static func scores(on scale: Instrument.Scale) -> ColourScale {
        ColourScale(
            minimum: Double(scale.minimum), middle: scale.midpoint, maximum: Double(scale.maximum),
            low: ReportStyle.scaleLow, mid: ReportStyle.scaleMid, high: ReportStyle.scaleHigh)
    }

    /// Signed gaps, diverging around agreement and saturated at twice the gap `threshold`: hidden strength blue,
    /// blind spot orange.
    static func gaps(threshold: Double) -> ColourScale {
        let spread = 2 * threshold
        return ColourScale(
            minimum: -spread, middle: 0, maximum: spread, low: ReportStyle.gapLow, mid: ReportStyle.gapMid,
            high: ReportStyle.gapHigh)
    }

    /// Applies the scale to `rows` × `columns` of `worksheet`.
    func apply(to worksheet: Worksheet, rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        try worksheet.colorScale(
            firstRow: rows.lowerBound, firstColumn: columns.lowerBound, lastRow: rows.upperBound,
            lastColumn: columns.upperBound, minimum: minimum, middle: middle, maximum: maximum, low: low, mid: mid,
            high: high)
    }
}
