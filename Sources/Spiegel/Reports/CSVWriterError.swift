import Foundation

/// Why a CSV file could not be written.
enum CSVWriterError: Error, Equatable, CustomStringConvertible {
    case cannotCreate(file: String)
    case writeFailed(file: String?, reason: String)

    var description: String {
        switch self {
        case let .cannotCreate(file):
            "Cannot create the CSV file \(file): check that its folder exists and is writable."
        case let .writeFailed(file, reason):
            "Writing the CSV file \(file ?? "(handle)") failed: \(reason)"
        }
    }
}

extension CSVWriterError: LocalizedError {
    var errorDescription: String? { description }
}
