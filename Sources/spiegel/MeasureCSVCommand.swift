import ArgumentParser
import Dispatch
import Foundation
import Spiegel

/// `spiegel measure-csv`: the CSV reader's raw parsing speed, for `make bench` (hidden from help).
struct MeasureCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-csv",
        abstract: "Parse files without mapping them and print bytes, records and seconds as JSON (for benchmarks).",
        shouldDisplay: false
    )

    @Argument(help: "CSV files to parse.")
    var files: [String]

    func run() throws {
        var rows: [[String: Any]] = []
        for file in files {
            let start = DispatchTime.now()
            let throughput = try CSVReader.measureThroughput(file: URL(fileURLWithPath: file))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            rows.append(["file": file, "bytes": throughput.bytes, "records": throughput.records, "seconds": seconds])
        }
        let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
