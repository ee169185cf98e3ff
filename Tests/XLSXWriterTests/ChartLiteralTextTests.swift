import Foundation
import Testing

@testable import XLSXWriter

@Suite struct ChartLiteralTextTests {
    /// The chart XML of a workbook whose chart title and series name are `name`.
    private func chartXML(title: String, series: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("c.xlsx").path
        let workbook = try Workbook(path: path, properties: .init(title: "T", author: "A"))
        let sheet = try workbook.addWorksheet(named: "Data")
        for row in 0..<3 {
            try sheet.write("a\(row)", row: row, column: 0)
            try sheet.write(Double(row), row: row, column: 1)
        }
        let chart = try workbook.addChart(.radar)
        let range = { (column: Int) in
            Chart.Range(sheet: "Data", firstRow: 0, firstColumn: column, lastRow: 2, lastColumn: column)
        }
        try chart.addSeries(name: series, categories: range(0), values: range(1))
        try chart.setTitle(title)
        try sheet.insert(chart, row: 5, column: 0)
        try workbook.close()
        // unzip is not on every machine; Python's zipfile is (the venv the tests use).
        let python = ProcessInfo.processInfo.environment["SPIEGEL_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            python, "-c", "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode())", path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("a title or series name starting with '=' is text, not a formula reference")
    func equalsSignIsLiteral() throws {
        let xml = try chartXML(title: "=Bakker", series: "=HYPERLINK(\"x\")")
        // References to cells stay (the categories and values); names are not among them.
        let references = xml.components(separatedBy: "<c:f>").dropFirst().map { $0.components(separatedBy: "</c:f>")[0] }
        #expect(references.allSatisfy { $0.hasPrefix("Data!") })
        #expect(xml.contains("=Bakker"))
        #expect(xml.contains("=HYPERLINK"))
        // Positive control: without the guard, libxlsxwriter makes the name a reference.
        #expect(Chart.literal("=Bakker") != "=Bakker" && Chart.literal("Bakker") == "Bakker")
    }
}
