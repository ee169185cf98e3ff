import Foundation
import SpiegelTestSupport

/// A workbook as openpyxl and Python's zipfile see it: the independent reader for report tests.
struct WorkbookReader {
    struct Cell: Decodable, Equatable {
        var row: Int
        var column: Int
        var type: String
        var value: String
        var format: String
        var fill: String?
    }

    /// A colour scale as the sheet stores it: the range it covers and its minimum, middle and maximum.
    struct ColourScale: Decodable, Equatable {
        var range: String
        var values: [Double]
    }

    struct ChartPart: Decodable {
        var file: String
        var xml: String
        /// The `<c:f>` references, in document order.
        var references: [String]
    }

    struct Contents: Decodable {
        var sheets: [String]
        var cells: [String: [Cell]]
        var frozen: [String: String?]
        /// The colour scales of each sheet, in the order the sheet stores them.
        var scales: [String: [ColourScale]]
        var charts: [ChartPart]
        /// Every XML part of the package, for privacy scans.
        var xml: String
        var title: String?
        var creator: String?
    }

    let contents: Contents

    init(path: URL) throws {
        let script = #"""
            import json, sys, zipfile, re, openpyxl
            path = sys.argv[1]
            wb = openpyxl.load_workbook(path)
            out = {"sheets": wb.sheetnames, "cells": {}, "frozen": {}, "scales": {}, "charts": [], "xml": "",
                   "title": wb.properties.title, "creator": wb.properties.creator}
            for ws in wb.worksheets:
                cells = []
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is None:
                            continue
                        fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
                        cells.append({"row": c.row, "column": c.column, "type": c.data_type, "value": str(c.value),
                                      "format": c.number_format, "fill": fill if isinstance(fill, str) else None})
                out["cells"][ws.title] = cells
                out["frozen"][ws.title] = ws.freeze_panes
                out["scales"][ws.title] = [
                    {"range": str(cf.sqref), "values": [float(v.val) for v in rule.colorScale.cfvo]}
                    for cf in ws.conditional_formatting for rule in cf.rules if rule.type == "colorScale"]
            with zipfile.ZipFile(path) as z:
                parts = []
                for name in sorted(z.namelist()):
                    text = z.read(name).decode("utf-8", "replace")
                    if name.endswith(".xml") or name.endswith(".rels"):
                        parts.append(text)
                    if name.startswith("xl/charts/chart"):
                        out["charts"].append({"file": name, "xml": text, "references": re.findall(r"<c:f>(.*?)</c:f>", text)})
                out["xml"] = "\n".join(parts)
            print(json.dumps(out))
            """#
        let output = try TestSupport.runPython(script, arguments: [path.path])
        contents = try JSONDecoder().decode(Contents.self, from: Data(output.utf8))
    }

    var sheetNames: [String] { contents.sheets }

    func cells(_ sheet: String) -> [Cell] { contents.cells[sheet] ?? [] }

    /// The cell at a 1-based row and column.
    func cell(_ sheet: String, _ row: Int, _ column: Int) -> Cell? {
        cells(sheet).first { $0.row == row && $0.column == column }
    }

    /// The values of one 1-based row, by column.
    func row(_ sheet: String, _ row: Int) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: cells(sheet).filter { $0.row == row }.map { ($0.column, $0.value) })
    }

    /// The first row whose cells include all of `values`, 1-based.
    func rowContaining(_ sheet: String, _ values: [String]) -> Int? {
        let rows = Set(cells(sheet).map(\.row)).sorted()
        return rows.first { r in values.allSatisfy { Set(row(sheet, r).values).contains($0) } }
    }

    /// Every string written anywhere: cell texts, sheet names and the raw XML of the package.
    var allText: String {
        (contents.sheets + contents.cells.values.flatMap { $0.map(\.value) } + [contents.xml]).joined(separator: "\n")
    }
}
