internal import CXLSXWriter
import Foundation

/// An Excel workbook being written to one `.xlsx` file.
///
/// The workbook owns libxlsxwriter's handle: ``close()`` writes the file and releases it exactly
/// once; a workbook dropped without closing is released without writing anything.
package final class Workbook {
    /// Document properties shown by Excel under File → Info.
    package struct Properties: Sendable {
        package var title: String
        package var author: String
        package var company: String?
        package var comments: String?
        /// Fixed so that identical inputs give byte-identical files.
        ///
        /// libxlsxwriter reads a creation time of 0 (1970-01-01 00:00:00 UTC) as "not set" and
        /// stamps the time of writing instead, so that moment is written one second later.
        package var created: Date

        /// The default, 1970-01-01 00:00:01 UTC, is fixed; see ``created``.
        package init(
            title: String, author: String, company: String? = nil, comments: String? = nil,
            created: Date = Date(timeIntervalSince1970: 1)
        ) {
            self.title = title
            self.author = author
            self.company = company
            self.comments = comments
            self.created = created
        }
    }

    /// The path the workbook is written to.
    package let path: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    /// The last style looked up and its format: neighbouring cells mostly share a style, and comparing
    /// two styles is cheaper than hashing one.
    private var lastFormat: (style: CellStyle, format: UnsafeMutablePointer<lxw_format>)?
    private var sheetNamesInUse: Set<String> = []
    /// The C copy of the temporary folder handed to the library, which reads it while closing.
    private let temporaryFolderPath: UnsafeMutablePointer<CChar>?

    /// Starts a workbook at `path`; nothing is written until ``close()``.
    ///
    /// - Parameters:
    ///   - constantMemory: flush each row as soon as a later row is written, for very
    ///     long sheets; rows must then be written in order.
    ///   - temporaryFolder: where libxlsxwriter writes each part of the file before zipping it (its own
    ///     default, the system's temporary folder, when `nil`). The parts are removed as they are zipped; the
    ///     folder changes nothing in the file written.
    package init(path: String, properties: Properties, constantMemory: Bool = false, temporaryFolder: String? = nil) throws {
        self.path = path
        // The library keeps the folder's path for the workbook's lifetime: a copy, freed in `deinit`.
        temporaryFolderPath = temporaryFolder.flatMap { strdup($0) }
        var options = lxw_workbook_options(
            constant_memory: constantMemory ? 1 : 0, tmpdir: temporaryFolderPath, use_zip64: 0)
        guard let created = workbook_new_opt(path, &options) else {
            throw XLSXError.library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "could not create the workbook",
                context: .init(file: path, operation: "creating the workbook"))
        }
        handle = created
        try setProperties(properties)
    }

    deinit {
        if let handle { lxw_workbook_free(handle) }
        free(temporaryFolderPath)
    }

    /// Whether ``close()`` has run.
    package var isClosed: Bool { handle == nil }

    /// Adds a worksheet after checking Excel's naming rules and that the name is not taken.
    package func addWorksheet(named name: String) throws -> Worksheet {
        let handle = try openHandle()
        if let reason = SheetName.problem(with: name) {
            throw XLSXError.invalidSheetName(name: name, reason: reason, file: path)
        }
        // Excel compares sheet names without regard to case.
        guard sheetNamesInUse.insert(name.lowercased()).inserted else {
            throw XLSXError.invalidSheetName(name: name, reason: "the workbook already has a sheet with that name", file: path)
        }
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw XLSXError.library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "could not add the worksheet",
                context: .init(file: path, sheet: name, operation: "adding a worksheet"))
        }
        return Worksheet(handle: sheet, name: name, workbook: self)
    }

    /// Whether a sheet with this name (compared as Excel does, ignoring case) exists.
    package func hasWorksheet(named name: String) -> Bool {
        sheetNamesInUse.contains(name.lowercased())
    }

    /// Adds a chart; place it on a sheet with ``Worksheet/insert(_:row:column:width:height:)``.
    package func addChart(_ kind: Chart.Kind) throws -> Chart {
        let handle = try openHandle()
        guard let chart = workbook_add_chart(handle, kind.code) else {
            throw XLSXError.library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "could not add the chart",
                context: .init(file: path, operation: "adding a chart"))
        }
        return Chart(handle: chart, workbook: self, kind: kind)
    }

    /// Writes the file and releases the library's handle. Calling it again does nothing.
    package func close() throws {
        guard let handle else { return }
        self.handle = nil
        formats.removeAll()
        lastFormat = nil
        // workbook_close frees the workbook whether or not writing succeeded.
        try XLSXError.check(workbook_close(handle), .init(file: path, operation: "writing the workbook"))
    }

    // MARK: - Internals shared with sheets and charts

    func openHandle() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXError.workbookClosed(file: path) }
        return handle
    }

    /// The library format for `style`, created on first use; `nil` for the plain style.
    func format(for style: CellStyle) throws -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let last = lastFormat, last.style == style { return last.format }
        if let existing = formats[style] {
            lastFormat = (style, existing)
            return existing
        }
        guard let format = workbook_add_format(try openHandle()) else {
            throw XLSXError.library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "could not add a format",
                context: .init(file: path, operation: "adding a cell format"))
        }
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let color = style.fontColor { format_set_font_color(format, lxw_color_t(color)) }
        if let fill = style.fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fill))
        }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        switch style.alignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if style.alignedTop { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if style.verticallyCentered { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if style.wrapsText { format_set_text_wrap(format) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.bottomBorder { format_set_bottom(format, UInt8(LXW_BORDER_MEDIUM.rawValue)) }
        formats[style] = format
        lastFormat = (style, format)
        return format
    }

    private func setProperties(_ properties: Properties) throws {
        let handle = try openHandle()
        // The library copies every string, so they only need to live for this call.
        let code: lxw_error = properties.title.withCString { title in
            properties.author.withCString { author in
                (properties.company ?? "").withCString { company in
                    (properties.comments ?? "").withCString { comments in
                        var doc = lxw_doc_properties()
                        doc.title = UnsafeMutablePointer(mutating: title)
                        doc.author = UnsafeMutablePointer(mutating: author)
                        if properties.company != nil { doc.company = UnsafeMutablePointer(mutating: company) }
                        if properties.comments != nil { doc.comments = UnsafeMutablePointer(mutating: comments) }
                        // Never 0: the library would put the wall-clock time in its place.
                        doc.created = max(time_t(properties.created.timeIntervalSince1970), 1)
                        return workbook_set_properties(handle, &doc)
                    }
                }
            }
        }
        try XLSXError.check(code, .init(file: path, operation: "setting document properties"))
    }
}
