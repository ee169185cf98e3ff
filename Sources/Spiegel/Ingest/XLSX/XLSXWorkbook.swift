import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XLSX workbook as a survey tool downloads it (Microsoft Forms, Google Forms, LimeSurvey,
/// Qualtrics), opened to read one sheet's cells as text.
///
/// ZIPFoundation reads the archive and Foundation's `XMLParser` (SAX, streaming) the parts. What is
/// written here by hand is only the small part of Office Open XML (ECMA-376 part 1, §18) a data sheet
/// needs, because no package at hand reads spreadsheets: the workbook's sheet list and date system
/// (§18.2), the relationship from sheet to part (part 2, §9), the shared strings (§18.4), which cell
/// styles are dates (§18.8.30–31), and the cells of one sheet (§18.3). Formulas, formatting and
/// everything else are ignored. Every part's size is capped before it is read (a zip bomb or a
/// gigabyte shared-string table is an error, not an out-of-memory kill).
final class XLSXWorkbook {
    let url: URL
    /// Sheet names in workbook order.
    let sheetNames: [String]
    private let archive: Archive
    /// Sheet name → the part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
    private let sheetParts: [String: String]
    let sharedStrings: [String]
    /// Per cell style index (`s`): whether it formats a number as a date or time.
    let dateStyles: [Bool]
    /// The 1904 date system (old Mac Excel) instead of 1900.
    let uses1904Dates: Bool

    /// What reading a workbook may cost at most.
    enum Limits {
        /// Uncompressed size of one part (a sheet, the shared strings).
        static let partSize: UInt64 = 512 << 20
        static let sharedStrings = 4_000_000
        /// Characters in all shared strings together.
        static let sharedStringCharacters = 256 << 20
        /// Excel's own limits.
        static let rows = 1_048_576
        static let columns = 16_384
        /// Seconds one part may take to unpack. ZIPFoundation 0.9.20 inflates on Linux until the stream
        /// ends and never stops at the end of the file, so a damaged entry can spin forever (seen with
        /// mutated archives); past this deadline the file fails instead of stalling the night.
        static let unpackSeconds: Double = 20
    }

    init(url: URL) throws(IngestError) {
        self.url = url
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .unreadableWorkbook(file: url.path, reason: "not a readable zip archive: \(error)")
        }
        self.archive = archive
        let workbook = try Self.parse(archive, "xl/workbook.xml", url: url, into: WorkbookPart())
        let relations = try Self.parse(archive, "xl/_rels/workbook.xml.rels", url: url, into: RelationshipsPart())
        var parts: [String: String] = [:]
        for sheet in workbook.sheets {
            guard let target = relations.targets[sheet.relation] else { continue }
            // Targets are relative to xl/ unless absolute.
            parts[sheet.name] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        sheetNames = workbook.sheets.map(\.name).filter { parts[$0] != nil }
        sheetParts = parts
        uses1904Dates = workbook.uses1904Dates
        let sharedPath =
            relations.sharedStrings.map { $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0 } ?? "xl/sharedStrings.xml"
        sharedStrings =
            archive[sharedPath] == nil
            ? []
            : try Self.parse(archive, sharedPath, url: url, into: SharedStringsPart(file: url.path)).strings
        let stylesPath = relations.styles.map { $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0 } ?? "xl/styles.xml"
        dateStyles =
            archive[stylesPath] == nil ? [] : try Self.parse(archive, stylesPath, url: url, into: StylesPart()).dateStyles
        guard !sheetNames.isEmpty else { throw .unreadableWorkbook(file: url.path, reason: "the workbook lists no sheet") }
    }

    /// The sheet `name`, or the first one.
    func sheet(named name: String?) throws(IngestError) -> String {
        guard let name else { return sheetNames[0] }
        if sheetNames.contains(name) { return name }
        // Sheet names are compared without case in Excel.
        if let match = sheetNames.first(where: { $0.lowercased() == name.lowercased() }) { return match }
        throw .missingSheet(file: url.path, sheet: name, sheets: sheetNames)
    }

    /// Calls `body` with every row of `sheet` that has a cell, in order: its 1-based number and its
    /// cells as (0-based column, text). Return `false` to stop.
    func forEachRow(of sheet: String, _ body: (Int, [(column: Int, text: String)]) throws -> Bool) throws {
        guard let path = sheetParts[sheet] else {
            throw IngestError.missingSheet(file: url.path, sheet: sheet, sheets: sheetNames)
        }
        try withoutActuallyEscaping(body) { body in
            let handler = SheetPart(workbook: self, body: body)
            _ = try Self.parse(archive, path, url: url, into: handler)
        }
    }

    /// Extracts `path` (capped at ``Limits/partSize``) and runs `handler` over its XML.
    private static func parse<Handler: XMLPartHandler>(
        _ archive: Archive, _ path: String, url: URL,
        into handler: Handler
    ) throws(IngestError) -> Handler {
        guard let entry = archive[path] else {
            throw .unreadableWorkbook(file: url.path, reason: "the part \(path) is missing")
        }
        guard entry.uncompressedSize <= Limits.partSize else {
            throw .unreadableWorkbook(
                file: url.path, reason: "\(path) unpacks to \(entry.uncompressedSize) bytes, over the limit")
        }
        let data = try unpack(entry, of: archive, path: path, url: url)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let delegate = XMLDelegate(handler: handler)
        parser.delegate = delegate
        let succeeded = parser.parse()
        if let failure = handler.failure { throw failure }
        if (!succeeded || delegate.error != nil) && !delegate.stopped {
            let line = parser.lineNumber
            throw .unreadableWorkbook(
                file: url.path,
                reason:
                    "\(path) is not well-formed XML near line \(line) (\((delegate.error ?? parser.parserError).map { "\($0)" } ?? "unknown error"))"
            )
        }
        return handler
    }

    private struct PartTooLarge: Error {}

    /// The uncompressed bytes of `entry`, capped at ``Limits/partSize``, within ``Limits/unpackSeconds``.
    ///
    /// The extraction runs on a worker thread that the caller waits for with a deadline: ZIPFoundation
    /// offers no way to stop its inflate loop (it only calls back with output), so a thread stuck in it
    /// is left behind, spinning until the process ends, and this file fails with a clear message. The
    /// archive is not touched again after such a failure.
    private static func unpack(_ entry: Entry, of archive: Archive, path: String, url: URL) throws(IngestError) -> Data {
        final class Outcome: @unchecked Sendable {
            var data = Data()
            var failure: Error?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let archive = archive, entry = entry
        let worker = Thread {
            do {
                // The size in the header may lie (a zip bomb); count what actually comes out.
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard UInt64(outcome.data.count + chunk.count) <= Limits.partSize else { throw PartTooLarge() }
                    outcome.data.append(chunk)
                }
            } catch {
                outcome.failure = error
            }
            done.signal()
        }
        worker.start()
        guard done.wait(timeout: .now() + Limits.unpackSeconds) == .success else {
            throw .unreadableWorkbook(
                file: url.path,
                reason: "\(path) could not be unpacked within "
                    + "\(Int(Limits.unpackSeconds)) s; the archive is damaged")
        }
        switch outcome.failure {
        case nil: return outcome.data
        case is PartTooLarge:
            throw .unreadableWorkbook(file: url.path, reason: "\(path) unpacks to more than \(Limits.partSize) bytes")
        case let error?:
            throw .unreadableWorkbook(file: url.path, reason: "\(path) cannot be unpacked (\(error))")
        }
    }
}

/// Receives the XML events of one part.
protocol XMLPartHandler: AnyObject {
    func start(_ element: String, attributes: [String: String])
    func end(_ element: String)
    func characters(_ text: String)
    /// Set to stop parsing with an error.
    var failure: IngestError? { get }
    /// Set to stop parsing without an error.
    var done: Bool { get }
}

extension XMLPartHandler {
    var failure: IngestError? { nil }
    var done: Bool { false }
}

/// Forwards `XMLParser`'s delegate calls to a handler, element names without namespace prefix.
final class XMLDelegate<Handler: XMLPartHandler>: NSObject, XMLParserDelegate {
    let handler: Handler
    private(set) var stopped = false
    init(handler: Handler) { self.handler = handler }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        handler.start(Self.local(elementName), attributes: attributes)
        stopIfAsked(parser)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        handler.end(Self.local(elementName))
        stopIfAsked(parser)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        handler.characters(string)
        stopIfAsked(parser)
    }

    /// libxml2 may recover from some errors and still report success; any reported error fails the part.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if error == nil { error = parseError }
    }

    private(set) var error: Error?

    private func stopIfAsked(_ parser: XMLParser) {
        if !stopped && (handler.failure != nil || handler.done) {
            stopped = true
            parser.abortParsing()
        }
    }
}
