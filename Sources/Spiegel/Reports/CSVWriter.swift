import Foundation

/// Writes RFC 4180 CSV to a file, field by field, through a reusable byte buffer.
///
/// Built for a national `responses.csv` (a million forms, 19 million rows): fields are encoded straight into a
/// reusable byte buffer (``CSVEncoder``) that is written out in chunks of ``flushThreshold`` bytes, so no row ever
/// becomes a `String` and memory stays flat; columns that repeat on many rows can be encoded once
/// (``encode(_:)``). With `-O` it encodes several million short rows per second of CPU.
///
/// The format, chosen once for every CSV Spiegel writes (research data, quarantine, run outputs):
/// - records end in CRLF, as RFC 4180 §2.1 prescribes (every CSV reader also accepts it; ``Options/lineEnding``
///   can select LF);
/// - a field is quoted only when it must be: it holds the delimiter, a double quote, CR or LF; quotes inside
///   are doubled;
/// - numbers use `.` (or ``Options/decimalSeparator``), no grouping, no exponent, at most
///   ``Options/fractionDigits`` decimals with trailing zeros dropped, so `4.5`, `5`, `-0.333333`: the text is
///   independent of the locale and reads back to the value it shows (``Options/marksWholeNumbers`` writes
///   `5.0` for the research tables, docs/research-data.md);
/// - instants are ISO 8601 in UTC to the second (`2025-10-01T08:30:00Z`), days are `yyyy-MM-dd`;
/// - a missing value is an empty field.
///
/// The kind of a field (text, number, …) is given by the method that writes it, so callers use one kind per
/// column; ``Options/neutralisesFormulas`` acts on text fields only, which keeps negative numbers numbers.
final class CSVWriter {
    /// The dialect: delimiter, line ending, BOM, decimal separator, formula neutralising.
    struct Options: Sendable, Equatable {
        /// The field separator, an ASCII character.
        var delimiter: UInt8
        var lineEnding: LineEnding
        /// Start the file with the UTF-8 byte order mark, which Excel needs to read UTF-8.
        var byteOrderMark: Bool
        /// `.` for data; `,` for the Dutch Excel copy, where `.` would turn `4.5` into a date.
        var decimalSeparator: UInt8
        /// The most decimals a number keeps; six is far below the noise of a mean of Likert scores.
        var fractionDigits: Int
        /// Prefix text fields that a spreadsheet would run as a formula with `'` (CSV injection).
        var neutralisesFormulas: Bool
        /// Write a whole number as `5.0` rather than `5`, so that a reader guessing types from the first rows
        /// (DuckDB, pandas) sees a decimal column even when those rows hold whole means.
        var marksWholeNumbers: Bool

        init(
            delimiter: UInt8 = UInt8(ascii: ","), lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false,
            decimalSeparator: UInt8 = UInt8(ascii: "."), fractionDigits: Int = 6,
            neutralisesFormulas: Bool = false, marksWholeNumbers: Bool = false
        ) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.byteOrderMark = byteOrderMark
            self.decimalSeparator = decimalSeparator
            self.fractionDigits = min(max(fractionDigits, 0), 9)
            self.neutralisesFormulas = neutralisesFormulas
            self.marksWholeNumbers = marksWholeNumbers
        }

        /// RFC 4180 as researchers' tools read it: `,`, CRLF, no BOM, `.` decimals.
        static let standard = Options()

        /// For coordinators who double-click a CSV in Dutch Excel: `;`, BOM, `,` decimals, formulas neutralised.
        static let excelFriendly = Options(
            delimiter: UInt8(ascii: ";"), byteOrderMark: true,
            decimalSeparator: UInt8(ascii: ","), neutralisesFormulas: true)

        /// This options with whole numbers written as `5.0`.
        var markingWholeNumbers: Options {
            var options = self
            options.marksWholeNumbers = true
            return options
        }
    }

    /// How records end.
    enum LineEnding: Sendable, Equatable {
        /// `\r\n`, RFC 4180's record separator.
        case crlf
        /// `\n`.
        case lf
    }

    /// The buffer is written out once it holds this many bytes.
    static let flushThreshold = 1 << 16

    var options: Options { encoder.options }
    /// Where the bytes go: a caller's handle, or a file this writer created and hashes as it writes it.
    private enum Sink {
        case handle(FileHandle)
        case file(HashingFileWriter)
    }
    private let sink: Sink
    /// For error messages.
    private let url: URL?
    /// Unchecked: the writer is used from one thread at a time, and a dynamic exclusivity check on every field
    /// costs more than encoding it.
    @exclusivity(unchecked) private var encoder: CSVEncoder
    private var isFinished = false
    private var fragmentMarks: [CSVEncoder.Mark] = []

    /// Writes to a handle the caller owns and closes; ``finish()`` only flushes.
    init(fileHandle: FileHandle, options: Options = .standard) {
        self.sink = .handle(fileHandle)
        self.url = nil
        self.encoder = CSVEncoder(options: options, capacity: Self.flushThreshold + 4096)
    }

    /// Creates (or truncates) the file at `url`; ``finish()`` flushes and closes it, and its SHA-256, taken
    /// while writing, is left for the run's manifest (``WrittenDigests``).
    init(creatingFileAt url: URL, options: Options = .standard) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CSVWriterError.cannotCreate(file: url.path)
        }
        do {
            self.sink = .file(try HashingFileWriter(creatingFileAt: url))
        } catch {
            throw CSVWriterError.cannotCreate(file: url.path)
        }
        self.url = url
        self.encoder = CSVEncoder(options: options, capacity: Self.flushThreshold + 4096)
    }

    deinit {
        // A writer dropped after an error still releases its descriptor (HashingFileWriter's deinit closes it).
        encoder.release()
    }

    // MARK: Fields

    /// A text field; `nil` or empty is an empty field. Neutralised when ``Options/neutralisesFormulas`` is on.
    func writeText(_ text: String?) {
        encoder.text(text, neutralise: encoder.options.neutralisesFormulas)
    }

    /// An integer field; `nil` is an empty field.
    func writeInteger(_ value: Int?) {
        encoder.integer(value)
    }

    /// A decimal number; `nil`, NaN and infinities are an empty field.
    func writeNumber(_ value: Double?) {
        encoder.number(value)
    }

    /// `true` or `false`, as Frictionless and pandas read booleans; `nil` is an empty field.
    func writeBoolean(_ value: Bool?) {
        encoder.boolean(value)
    }

    /// An instant as ISO 8601 in UTC, whole seconds: `2025-10-01T08:30:00Z`.
    func writeDate(_ date: Date?) {
        encoder.instant(date)
    }

    /// A calendar day as `yyyy-MM-dd`.
    func writeDay(_ day: Day?) {
        encoder.day(day)
    }

    /// An empty field.
    func writeMissing() {
        encoder.beginField()
    }

    /// One field of any kind.
    func write(_ value: CSVValue) {
        switch value {
        case let .text(text): writeText(text)
        case let .integer(number): writeInteger(number)
        case let .number(number): writeNumber(number)
        case let .boolean(flag): writeBoolean(flag)
        case let .date(date): writeDate(date)
        case let .day(day): writeDay(day)
        }
    }

    // MARK: Fragments

    /// Fields encoded once to be written at the start of many records, e.g. a form's columns repeated on every
    /// item row of `responses.csv`. Only valid for the writer (the options) that encoded them.
    struct EncodedFields: Sendable, Equatable {
        let bytes: [UInt8]
        let fieldCount: Int
    }

    /// Encodes the fields `body` writes (fields only, no ``endRow()``) without writing them.
    func encode(_ body: (CSVWriter) -> Void) -> EncodedFields {
        beginFragment()
        body(self)
        return endFragment()
    }

    /// Starts capturing fields, for callers that drive several writers at once; ends with ``endFragment()``.
    func beginFragment() {
        fragmentMarks.append(encoder.beginFragment())
    }

    /// The fields written since ``beginFragment()``, taken out of the output.
    func endFragment() -> EncodedFields {
        guard let mark = fragmentMarks.popLast() else { return EncodedFields(bytes: [], fieldCount: 0) }
        return encoder.takeFragment(since: mark)
    }

    /// Writes fields encoded by ``encode(_:)`` as the next fields of the current record.
    func write(_ fields: EncodedFields) {
        encoder.fields(fields)
    }

    // MARK: Records

    /// Ends the current record; writes the buffer out when it is full.
    func endRow() throws {
        encoder.endRecord()
        // Never while a fragment is open: its bytes must stay in the buffer until it is taken out.
        if encoder.count >= Self.flushThreshold && fragmentMarks.isEmpty { try flush() }
    }

    /// A whole record.
    func writeRow(_ values: [CSVValue]) throws {
        for value in values { write(value) }
        try endRow()
    }

    /// A header record: the column names, as text (never neutralised: names are ours).
    func writeHeader(_ names: [String]) throws {
        for name in names { encoder.text(name, neutralise: false) }
        try endRow()
    }

    /// Writes out what is buffered, and closes the file when the writer opened it. Call once, at the end.
    func finish() throws {
        guard !isFinished else { return }
        if encoder.isInsideRecord { encoder.endRecord() }
        try flush()
        isFinished = true
        if case .file(let file) = sink {
            do { try file.finish() } catch { throw CSVWriterError.writeFailed(file: url?.path, reason: "\(error)") }
        }
    }

    private func flush() throws {
        guard encoder.count > 0 else { return }
        do {
            switch sink {
            case .handle(let handle): try handle.write(contentsOf: encoder.pending)
            case .file(let file): try file.write(encoder.pending)
            }
        } catch {
            throw CSVWriterError.writeFailed(file: url?.path, reason: "\(error)")
        }
        encoder.clear()
    }
}
