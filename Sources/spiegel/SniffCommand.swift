import ArgumentParser
import Foundation
import Spiegel

/// `spiegel sniff`: how Spiegel reads one export.
struct SniffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sniff",
        abstract:
            "Show what Spiegel detects in one export (CSV or XLSX): encoding, delimiter, line ends, header rows, columns, records.",
        discussion: "Use it when an export is not read as expected. Pass the overrides you would put in Pipeline.yml to try them."
    )

    @Argument(help: "The export to inspect: CSV text, or an XLSX workbook (recognised by its content, whatever its name).")
    var file: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print every record as a JSON array of arrays of strings, header rows first.")
    var records = false

    @Option(help: "Delimiter instead of sniffing: , ; | or tab.")
    var delimiter: String?

    @Option(
        help: ArgumentHelp(
            "Encoding instead of detecting: " + TextEncoding.allCases.map(\.rawValue).joined(separator: ", ") + "."))
    var encoding: String?

    @Option(help: "The sheet of a workbook to read (default: the first).")
    var sheet: String?

    @Option(help: "Rows before the data; the first names the columns.")
    var headerRows: Int = 1

    func run() throws {
        var overrides = DialectOverrides(headerRows: headerRows)
        overrides.sheet = sheet
        if let delimiter {
            guard let byte = DialectOverrides.delimiterByte(for: delimiter) else {
                throw ValidationError("Unknown delimiter '\(delimiter)'; use one of , ; | tab.")
            }
            overrides.delimiter = byte
        }
        if let encoding {
            guard let known = TextEncoding(rawValue: encoding.lowercased()) else {
                throw ValidationError(
                    "Unknown encoding '\(encoding)'; use one of "
                        + TextEncoding.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            overrides.encoding = known
        }
        let url = URL(fileURLWithPath: file)
        do {
            if records {
                try SniffReport.writeRecordsJSON(file: url, overrides: overrides) {
                    FileHandle.standardOutput.write(Data($0.utf8))
                }
            } else {
                let report = try SniffReport.sniff(file: url, overrides: overrides)
                print(json ? report.json() : report.text)
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
    }
}
