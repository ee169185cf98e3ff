import Foundation

/// Everything `Pipeline.yml` says, with every default filled in and every path absolute.
///
/// Defaults live here and only here (``Defaults``); the loader fills them in for absent keys.
struct PipelineConfiguration: Sendable {
    /// The file this configuration was read from; relative paths in it resolve against its folder.
    var file: URL
    /// Instrument files, by instrument id.
    var instruments: [String: Instrument]
    var registry: Registry
    var sources: [Source]
    /// Named waves sorted by start; empty means one wave per Dutch school year.
    var waves: [Wave]
    var analysis: Analysis
    var output: Output
    var pseudonymisation: Pseudonymisation
    /// What the release profiles receive beyond `output` (docs/analysis.md, "Release profiles").
    var release = Release()
    /// The "Aan de slag" steps of the school workbook (`development_steps`, or `Data/development-steps.yml` when it
    /// exists); `nil` without them.
    var developmentSteps: DevelopmentSteps?
    /// Alarms, memory and file access of the nightly run (the `night:` section).
    var night = Night()
    /// Problems that do not stop a run, e.g. a source glob that matches no file yet; each names
    /// its place in `Pipeline.yml`.
    var warnings: [String] = []

    init(
        file: URL, instruments: [String: Instrument], registry: Registry, sources: [Source], waves: [Wave] = [],
        analysis: Analysis = .init(), output: Output, pseudonymisation: Pseudonymisation = .init()
    ) {
        self.file = file
        self.instruments = instruments
        self.registry = registry
        self.sources = sources
        self.waves = waves.sorted()
        self.analysis = analysis
        self.output = output
        self.pseudonymisation = pseudonymisation
    }

    /// The defaults of every optional setting, in one place.
    enum Defaults {
        static let gapThreshold = 1.0
        static let minimumGroupSize = 3
        /// A benchmark shown to MTs and the public covers at least this many schools with a released figure.
        static let minimumSchools = 3
        static let outputFolder = "Reports"
        static let keepRuns = 5
        static let headerRows = 1
        static let keyEnvironmentVariable = "SPIEGEL_PSEUDONYM_KEY"
        static let dateFormats = [
            "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
            "d-M-yyyy HH:mm:ss", "d-M-yyyy H:mm:ss", "d-M-yyyy H:mm", "d-M-yyyy",
            // Google Forms writes `2025/09/15 3:04:05 PM GMT+2`: `O` is the short GMT offset (`'GMT'Z` would want +0200).
            "yyyy/MM/dd h:mm:ss a O", "yyyy/MM/dd h:mm:ss a", "d/M/yyyy H:mm:ss", "d/M/yyyy H:mm",
        ]
        /// Survey tools export times in the partnership's local time.
        static let timeZone = "Europe/Amsterdam"
    }

    /// Settings of the analysis (docs/analysis.md).
    struct Analysis: Sendable, Equatable {
        /// *T*: a gap of at least this many scale points is a blind spot or hidden strength.
        var gapThreshold: Double = Defaults.gapThreshold
        /// *k*: aggregates over fewer subjects are suppressed outside the coordinator's view.
        var minimumGroupSize: Int = Defaults.minimumGroupSize
        init(gapThreshold: Double = Defaults.gapThreshold, minimumGroupSize: Int = Defaults.minimumGroupSize) {
            self.gapThreshold = gapThreshold
            self.minimumGroupSize = minimumGroupSize
        }
    }

    /// Where reports go and which are written.
    struct Output: Sendable, Equatable {
        var folder: URL
        var partnershipWorkbook = true
        var schoolWorkbooks = true
        /// Off by default: personal workbooks show an individual's scores.
        var personalWorkbooks = false
        var researchData = true
        /// Also write a `;`-separated copy with BOM for Dutch Excel.
        var excelFriendlyCSV = false
        /// Free-text answers in researcher output; off because comments can name people.
        var includeFreeText = false
        /// Published runs kept besides the newest.
        var keepRuns = Defaults.keepRuns

        init(
            folder: URL, partnershipWorkbook: Bool = true, schoolWorkbooks: Bool = true, personalWorkbooks: Bool = false,
            researchData: Bool = true, excelFriendlyCSV: Bool = false, includeFreeText: Bool = false,
            keepRuns: Int = Defaults.keepRuns
        ) {
            self.folder = folder
            self.partnershipWorkbook = partnershipWorkbook
            self.schoolWorkbooks = schoolWorkbooks
            self.personalWorkbooks = personalWorkbooks
            self.researchData = researchData
            self.excelFriendlyCSV = excelFriendlyCSV
            self.includeFreeText = includeFreeText
            self.keepRuns = keepRuns
        }
    }

    /// Where the key for pseudonyms comes from; the key itself is never stored in the configuration.
    struct Pseudonymisation: Sendable, Equatable {
        var keyFile: URL?
        var keyEnvironmentVariable: String = Defaults.keyEnvironmentVariable
        init(keyFile: URL? = nil, keyEnvironmentVariable: String = Defaults.keyEnvironmentVariable) {
            self.keyFile = keyFile
            self.keyEnvironmentVariable = keyEnvironmentVariable
        }
    }

    /// The `release:` section: settings of the management and public profiles.
    struct Release: Sendable, Equatable {
        /// See ``Defaults/minimumSchools``.
        var minimumSchools = Defaults.minimumSchools
        /// Write `public/`, the aggregate tables safe to publish.
        var publicAggregates = true

        init(minimumSchools: Int = Defaults.minimumSchools, publicAggregates: Bool = true) {
            self.minimumSchools = minimumSchools
            self.publicAggregates = publicAggregates
        }
    }
}
