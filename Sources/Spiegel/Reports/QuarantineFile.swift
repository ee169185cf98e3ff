import Foundation

/// `quarantine.csv`: every input row not used, for the coordinator (it holds raw records, so names).
public enum QuarantineFile {
    public static let columns = ["file", "line", "reason", "message", "raw_record"]

    /// Writes the records in the order given (ingest sorts them by file and line).
    public static func write(_ records: [QuarantineRecord], to url: URL) throws {
        let writer = try CSVWriter(creatingFileAt: url)
        try writer.writeHeader(columns)
        for record in records {
            try writer.writeRow([
                .text(record.origin.file), .integer(record.origin.line), .text(record.reason.rawValue),
                .text(record.message), .text(record.rawRecord),
            ])
        }
        try writer.finish()
    }
}
