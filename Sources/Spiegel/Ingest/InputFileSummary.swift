/// What one input file held and what became of its rows (SPEC §5 *Run manifest*).
///
/// Rows read = rows used + rows quarantined, always.
public struct InputFileSummary: Sendable, Equatable, Codable {
    /// The path relative to the configuration's folder.
    public var path: String
    /// The source (from `Pipeline.yml`) that read it.
    public var source: String
    public var instrument: String
    public var size: Int
    /// Hex SHA-256 of the file's bytes.
    public var sha256: String
    /// What was detected or configured, e.g. `UTF-8 with BOM, ';', CRLF, 1 header row`.
    public var dialect: String
    /// Data records (header rows not counted).
    public var rowsRead: Int
    public var rowsUsed: Int
    public var rowsQuarantined: Int
    /// Control characters removed from open answers (``FreeText``).
    public var controlCharactersRemoved: Int
    /// What the coordinator should know about how the file was read (an unsure encoding, skipped lines).
    public var notes: [String]

    public init(path: String, source: String, instrument: String, size: Int, sha256: String, dialect: String,
                rowsRead: Int, rowsUsed: Int, rowsQuarantined: Int, controlCharactersRemoved: Int = 0, notes: [String] = []) {
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
