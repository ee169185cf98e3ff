internal import CXLSXWriter

/// An error from the Excel layer: a libxlsxwriter error code with its message, or a rule this
/// wrapper checks before calling the library, always with the place it happened.
package enum XLSXError: Error, Equatable, CustomStringConvertible {
    /// libxlsxwriter returned an error code.
    case library(code: Int32, message: String, context: Context)
    /// The sheet name breaks one of Excel's rules (length, characters, uniqueness).
    case invalidSheetName(name: String, reason: String, file: String)
    /// The workbook was already closed, so nothing more can be written to it.
    case workbookClosed(file: String)
    /// A row or column lies outside Excel's grid.
    case outOfGrid(context: Context)

    /// Where an error happened: the workbook's file, and where known the sheet and the cell.
    package struct Context: Equatable, Sendable, CustomStringConvertible {
        package var file: String
        package var sheet: String?
        package var cell: String?
        package var operation: String

        package init(file: String, sheet: String? = nil, cell: String? = nil, operation: String) {
            self.file = file
            self.sheet = sheet
            self.cell = cell
            self.operation = operation
        }

        package var description: String {
            var place = file
            if let sheet { place += ", sheet '\(sheet)'" }
            if let cell { place += ", cell \(cell)" }
            return "\(operation) in \(place)"
        }
    }

    /// Wraps a libxlsxwriter result code; `nil` when the call succeeded.
    static func check(_ code: lxw_error, _ context: @autoclosure () -> Context) throws {
        guard code != LXW_NO_ERROR else { return }
        let message = lxw_strerror(code).map { String(cString: $0) } ?? "unknown error"
        throw XLSXError.library(code: Int32(code.rawValue), message: message, context: context())
    }

    package var description: String {
        switch self {
        case let .library(code, message, context):
            return "Excel error \(code) (\(message)) while \(context)."
        case let .invalidSheetName(name, reason, file):
            return "Invalid sheet name '\(name)' in \(file): \(reason)."
        case let .workbookClosed(file):
            return "The workbook \(file) is already closed; nothing more can be written to it."
        case let .outOfGrid(context):
            return "Cell outside Excel's 1,048,576 × 16,384 grid while \(context)."
        }
    }
}
