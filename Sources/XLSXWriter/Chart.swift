internal import CXLSXWriter

/// A chart in a ``Workbook``, drawn from ranges of a worksheet.
package final class Chart {
    /// The chart types Spiegel uses.
    package enum Kind: Sendable, Equatable {
        case radar, radarWithMarkers, radarFilled, bar, barStacked, barStackedPercent, column, lineWithMarkers

        var code: UInt8 {
            let type: lxw_chart_type
            switch self {
            case .radar: type = LXW_CHART_RADAR
            case .radarWithMarkers: type = LXW_CHART_RADAR_WITH_MARKERS
            case .radarFilled: type = LXW_CHART_RADAR_FILLED
            case .bar: type = LXW_CHART_BAR
            case .barStacked: type = LXW_CHART_BAR_STACKED
            case .barStackedPercent: type = LXW_CHART_BAR_STACKED_PERCENT
            case .column: type = LXW_CHART_COLUMN
            case .lineWithMarkers: type = LXW_CHART_LINE
            }
            return UInt8(type.rawValue)
        }
    }

    /// How a series' line is drawn, so lines differ in more than colour (readers who do not see colours, grey prints).
    package enum LineDash: Sendable, Equatable {
        case solid, dash, roundDot, longDashDot

        var code: UInt8 {
            let type: lxw_chart_line_dash_type
            switch self {
            case .solid: type = LXW_CHART_LINE_DASH_SOLID
            case .dash: type = LXW_CHART_LINE_DASH_DASH
            case .roundDot: type = LXW_CHART_LINE_DASH_ROUND_DOT
            case .longDashDot: type = LXW_CHART_LINE_DASH_LONG_DASH_DOT
            }
            return UInt8(type.rawValue)
        }
    }

    /// The marker on each point of a series (charts with markers).
    package enum Marker: Sendable, Equatable {
        case circle, square, diamond, triangle

        var code: UInt8 {
            let type: lxw_chart_marker_type
            switch self {
            case .circle: type = LXW_CHART_MARKER_CIRCLE
            case .square: type = LXW_CHART_MARKER_SQUARE
            case .diamond: type = LXW_CHART_MARKER_DIAMOND
            case .triangle: type = LXW_CHART_MARKER_TRIANGLE
            }
            return UInt8(type.rawValue)
        }
    }

    /// Where the legend goes.
    package enum LegendPosition: Sendable { case bottom, right, top, none }

    /// A block of cells on one sheet that a series reads.
    package struct Range: Sendable, Equatable {
        package var sheet: String
        package var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int

        package init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
            self.sheet = sheet
            self.firstRow = firstRow
            self.firstColumn = firstColumn
            self.lastRow = lastRow
            self.lastColumn = lastColumn
        }
    }

    let handle: UnsafeMutablePointer<lxw_chart>
    private let workbook: Workbook
    /// The type the chart was created with.
    package let kind: Kind

    init(handle: UnsafeMutablePointer<lxw_chart>, workbook: Workbook, kind: Kind) {
        self.handle = handle
        self.workbook = workbook
        self.kind = kind
    }

    /// Adds a series named `name` with `values` along `categories`, drawn in `color` (RGB).
    /// `dash` and `marker` set the line style and the marker of charts with markers (a circle by default).
    package func addSeries(
        name: String, categories: Range, values: Range, color: UInt32? = nil, lineWidth: Float = 2.25,
        dash: LineDash = .solid, marker: Marker = .circle
    ) throws {
        _ = try workbook.openHandle()
        guard let series = chart_add_series(handle, nil, nil) else {
            throw XLSXError.library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "could not add a chart series",
                context: .init(file: workbook.path, sheet: values.sheet, operation: "adding chart series '\(name)'"))
        }
        chart_series_set_categories(
            series, categories.sheet, lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
            lxw_row_t(categories.lastRow), lxw_col_t(categories.lastColumn))
        chart_series_set_values(
            series, values.sheet, lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn),
            lxw_row_t(values.lastRow), lxw_col_t(values.lastColumn))
        chart_series_set_name(series, Self.literal(name))
        if kind == .radarWithMarkers || kind == .lineWithMarkers {
            chart_series_set_marker_type(series, marker.code)
            chart_series_set_marker_size(series, 6)
        }
        if let color {
            var line = lxw_chart_line()
            line.color = lxw_color_t(color)
            line.width = lineWidth
            line.dash_type = dash.code
            chart_series_set_line(series, &line)
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_fill(series, &fill)
        }
    }

    /// Sets the chart's title, in a modest size so it does not crowd the plot.
    package func setTitle(_ title: String, fontSize: Double = 12) throws {
        _ = try workbook.openHandle()
        chart_title_set_name(handle, Self.literal(title))
        var font = lxw_chart_font()
        font.size = fontSize
        font.bold = 1
        chart_title_set_name_font(handle, &font)
    }

    /// Leaves a gap where a value is missing, instead of drawing it as zero.
    package func showBlanksAsGaps() throws {
        _ = try workbook.openHandle()
        chart_show_blanks_as(handle, UInt8(LXW_CHART_BLANKS_AS_GAP.rawValue))
    }

    /// Fixes the value axis, so charts of different groups compare at a glance.
    package func setValueAxis(minimum: Double, maximum: Double, majorUnit: Double? = nil, numberFormat: String? = nil) throws {
        _ = try workbook.openHandle()
        if let numberFormat { chart_axis_set_num_format(handle.pointee.y_axis, numberFormat) }
        chart_axis_set_min(handle.pointee.y_axis, minimum)
        chart_axis_set_max(handle.pointee.y_axis, maximum)
        if let majorUnit { chart_axis_set_major_unit(handle.pointee.y_axis, majorUnit) }
    }

    /// Places the legend.
    package func setLegend(_ position: LegendPosition) throws {
        _ = try workbook.openHandle()
        let code: lxw_chart_legend_position
        switch position {
        case .bottom: code = LXW_CHART_LEGEND_BOTTOM
        case .right: code = LXW_CHART_LEGEND_RIGHT
        case .top: code = LXW_CHART_LEGEND_TOP
        case .none: code = LXW_CHART_LEGEND_NONE
        }
        chart_legend_set_position(handle, UInt8(code.rawValue))
    }
}
