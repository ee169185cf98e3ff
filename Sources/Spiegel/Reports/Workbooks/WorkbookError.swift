/// Why a workbook could not be written, beyond the Excel layer's own ``XLSXWriter/XLSXError``.
enum WorkbookError: Error, Equatable, CustomStringConvertible {
    /// The registry has no school with this id.
    case unknownSchool(String)
    /// The registry has no partnership with this id.
    case unknownPartnership(String)

    var description: String {
        switch self {
        case let .unknownSchool(id): "The registry has no school with id '\(id)'."
        case let .unknownPartnership(id): "The registry has no partnership with id '\(id)'."
        }
    }
}
