import Foundation

/// Facts about the run that every report prints: how recent the data is, which version, with which settings.
struct RunInfo: Sendable, Equatable {
    /// Spiegel's version.
    var version: String
    /// The moment the data runs up to: the latest submission time among the forms the run used,
    /// not the wall-clock time of the run, so identical inputs give byte-identical workbooks.
    ///
    /// Workbooks print its day as "Gegevens t/m" (data up to and including); their file metadata
    /// uses ``documentDate``. The name is kept for compatibility with existing callers.
    var runDate: Date
    /// The creation date written into document properties; it must depend on the inputs only, so
    /// identical inputs give identical files. Defaults to ``runDate``.
    var documentDate: Date
    /// Hex SHA-256 of the configuration file.
    var configurationHash: String
    /// Input files with their counts, for the overview sheets.
    var inputs: [InputFileSummary]
    /// The day of the run by the clock, in Dutch time: MT and public output release a wave only once it ended
    /// before this day (docs/analysis.md, "Nights and waves"). The only date in the reports not taken from the data.
    var releaseDay: Day

    init(
        version: String, runDate: Date, documentDate: Date? = nil,
        configurationHash: String, inputs: [InputFileSummary], releaseDay: Day? = nil
    ) {
        self.version = version
        self.runDate = runDate
        self.documentDate = documentDate ?? runDate
        self.configurationHash = configurationHash
        self.inputs = inputs
        self.releaseDay = releaseDay ?? Day(dutchDayOf: Date())
    }
}
