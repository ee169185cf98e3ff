import Foundation

/// Why the researcher files could not be written.
enum ResearchExportError: Error, Equatable, CustomStringConvertible {
    /// The folder holds other files; researcher files get a folder of their own (nothing that names people).
    case folderNotEmpty(String)
    case notAFolder(String)
    case cannotCreateFolder(String, reason: String)
    /// A form names an instrument the configuration does not have.
    case unknownInstrument(String, form: String)
    /// A form has a different number of scores than its instrument has items.
    case itemCountMismatch(form: String, instrument: String, scores: Int, items: Int)
    /// A programming error: a table name missing from ``ResearchSchema``.
    case unknownTable(String)
    case cannotWriteDataPackage(String, reason: String)
    /// The SPSS syntax or R script could not be written.
    case cannotWriteScript(String, reason: String)

    var description: String {
        switch self {
        case let .folderNotEmpty(path):
            "The research folder \(path) is not empty; researcher files are written to a folder of their own."
        case let .notAFolder(path):
            "The research output path \(path) is a file, not a folder."
        case let .cannotCreateFolder(path, reason):
            "Cannot create the research folder \(path): \(reason)"
        case let .unknownInstrument(instrument, form):
            "Form \(form) names the instrument \(instrument), which the configuration does not define."
        case let .itemCountMismatch(form, instrument, scores, items):
            "Form \(form) has \(scores) scores but the instrument \(instrument) has \(items) items."
        case let .unknownTable(name):
            "Internal error: the research table \(name) has no schema."
        case let .cannotWriteDataPackage(path, reason):
            "Cannot write the data package \(path): \(reason)"
        case let .cannotWriteScript(path, reason):
            "Cannot write the script \(path): \(reason)"
        }
    }
}

extension ResearchExportError: LocalizedError {
    var errorDescription: String? { description }
}
