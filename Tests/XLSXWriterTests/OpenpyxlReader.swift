import Foundation
import SpiegelTestSupport

/// Reads workbooks back with openpyxl, an independent reader (`$SPIEGEL_PYTHON`, else `.venv/bin/python`).
enum OpenpyxlReader {
    static var python: String { TestSupport.python }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Every cell of every sheet as JSON: `{sheet: [[row, column, data_type, value], …]}`.
    static func cells(of path: String) throws -> [String: [[String]]] {
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in wb.worksheets:
                out[ws.title] = [[str(c.row), str(c.column), c.data_type, str(c.value)]
                                 for row in ws.iter_rows() for c in row if c.value is not None]
            print(json.dumps(out))
            """
        let output = try run(script, path)
        guard let data = output.data(using: .utf8),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: [[String]]]
        else {
            throw Failure(description: "unreadable output: \(output.prefix(500))")
        }
        return json
    }

    /// Sheet names in workbook order.
    static func sheetNames(of path: String) throws -> [String] {
        try run("import sys, openpyxl; print('\\n'.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))", path)
            .split(separator: "\n").map(String.init)
    }

    static func run(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openpyxl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python failed: \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        }
        return try String(contentsOf: out, encoding: .utf8)
    }
}
