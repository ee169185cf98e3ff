/// What one input file held and what became of its rows (docs/operations.md, "Where the outputs go").
///
/// Rows read = rows used + rows quarantined, always.
struct InputFileSummary: Sendable, Equatable, Codable {
    /// The path relative to the configuration's folder.
    var path: String
    /// The source (from `Pipeline.yml`) that read it.
    var source: String
    var instrument: String
    var size: Int
    /// Hex SHA-256 of the file's bytes.
    var sha256: String
    /// What was detected or configured, e.g. `UTF-8 with BOM, ';', CRLF, 1 header row`.
    var dialect: String
    /// Data records (header rows not counted).
    var rowsRead: Int
    var rowsUsed: Int
    var rowsQuarantined: Int
    /// Control characters removed from open answers (``FreeText``).
    var controlCharactersRemoved: Int
    /// What the coordinator should know about how the file was read (an unsure encoding, skipped lines).
    var notes: [String]

    init(
        path: String, source: String, instrument: String, size: Int, sha256: String, dialect: String,
        rowsRead: Int, rowsUsed: Int, rowsQuarantined: Int, controlCharactersRemoved: Int = 0, notes: [String] = []
    ) {
        self.path = path
        self.source = source
        self.instrument = instrument
        self.size = size
        self.sha256 = sha256
        self.dialect = dialect
        self.rowsRead = rowsRead
        self.rowsUsed = rowsUsed
        self.rowsQuarantined = rowsQuarantined
        self.controlCharactersRemoved = controlCharactersRemoved
        self.notes = notes
    }
}
