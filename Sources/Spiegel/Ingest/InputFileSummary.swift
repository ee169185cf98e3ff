/// What one input file held and what became of its rows (docs/operations.md, "Where the outputs go").
///
/// Rows read = rows used + rows quarantined, always.
package struct InputFileSummary: Sendable, Equatable, Codable {
    /// The path relative to the configuration's folder.
    package var path: String
    /// The source (from `Pipeline.yml`) that read it.
    package var source: String
    package var instrument: String
    package var size: Int
    /// Hex SHA-256 of the file's bytes.
    package var sha256: String
    /// What was detected or configured, e.g. `UTF-8 with BOM, ';', CRLF, 1 header row`.
    package var dialect: String
    /// Data records (header rows not counted).
    package var rowsRead: Int
    package var rowsUsed: Int
    package var rowsQuarantined: Int
    /// Control characters removed from open answers (``FreeText``).
    package var controlCharactersRemoved: Int
    /// What the coordinator should know about how the file was read (an unsure encoding, skipped lines).
    package var notes: [String]

    package init(
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
