import Foundation

extension CSVReader {
    /// What one pass of the reader over a file saw; the benchmark divides ``bytes`` by its own timing.
    package struct Throughput: Sendable, Equatable {
        /// The file's size on disk, as read.
        package var bytes: Int
        /// All records, header rows included.
        package var records: Int
        package var fields: Int
        /// The sum of field lengths, so the work cannot be optimised away.
        package var fieldBytes: Int
    }

    /// Opens `file` (detection included) and parses every record without making Strings.
    ///
    /// The entry point for `spiegel benchmark`: time the call in a release build.
    package static func measureThroughput(file: URL, overrides: DialectOverrides = .init()) throws -> Throughput {
        let reader = try CSVReader(url: file, overrides: overrides)
        var result = Throughput(bytes: reader.size, records: 0, fields: 0, fieldBytes: 0)
        try reader.forEachRecord { record in
            result.records += 1
            result.fields += record.count
            for range in record.ranges { result.fieldBytes += range.end - range.start }
            return true
        }
        return result
    }
}
