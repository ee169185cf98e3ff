import Foundation

/// Everything `Pipeline.yml` says, with every default filled in and every path absolute.
///
/// Defaults live here and only here (``Defaults``); the loader fills them in for absent keys.
package struct PipelineConfiguration: Sendable {
    /// The file this configuration was read from; relative paths in it resolve against its folder.
    package var file: URL
    /// Instrument files, by instrument id.
    package var instruments: [String: Instrument]
    package var registry: Registry
    package var sources: [Source]
    /// Named waves sorted by start; empty means one wave per Dutch school year.
    package var waves: [Wave]
    package var analysis: Analysis
    package var output: Output
    package var pseudonymisation: Pseudonymisation
    /// What the release profiles receive beyond `output` (docs/analysis.md, "Release profiles").
    package var release = Release()
    /// The "Aan de slag" steps of the school workbook (`development_steps`, or `Data/development-steps.yml` when it
    /// exists); `nil` without them.
    package var developmentSteps: DevelopmentSteps?
    /// Alarms, memory and file access of the nightly run (the `night:` section).
    package var night = Night()
    /// Problems that do not stop a run, e.g. a source glob that matches no file yet; each names
    /// its place in `Pipeline.yml`.
    package var warnings: [String] = []

    package init(
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
    package enum Defaults {
        package static let gapThreshold = 1.0
        package static let minimumGroupSize = 3
        /// A benchmark shown to MTs and the public covers at least this many schools with a released figure.
        package static let minimumSchools = 3
        package static let outputFolder = "Reports"
        package static let keepRuns = 5
        package static let headerRows = 1
        package static let keyEnvironmentVariable = "SPIEGEL_PSEUDONYM_KEY"
        package static let dateFormats = [
            "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
            "d-M-yyyy HH:mm:ss", "d-M-yyyy H:mm:ss", "d-M-yyyy H:mm", "d-M-yyyy",
            // Google Forms writes `2025/09/15 3:04:05 PM GMT+2`: `O` is the short GMT offset (`'GMT'Z` would want +0200).
            "yyyy/MM/dd h:mm:ss a O", "yyyy/MM/dd h:mm:ss a", "d/M/yyyy H:mm:ss", "d/M/yyyy H:mm",
        ]
        /// Survey tools export times in the partnership's local time.
        package static let timeZone = "Europe/Amsterdam"
    }

    /// Settings of the analysis (docs/analysis.md).
    package struct Analysis: Sendable, Equatable {
        /// *T*: a gap of at least this many scale points is a blind spot or hidden strength.
        package var gapThreshold: Double = Defaults.gapThreshold
        /// *k*: aggregates over fewer subjects are suppressed outside the coordinator's view.
        package var minimumGroupSize: Int = Defaults.minimumGroupSize
        package init(gapThreshold: Double = Defaults.gapThreshold, minimumGroupSize: Int = Defaults.minimumGroupSize) {
            self.gapThreshold = gapThreshold
            self.minimumGroupSize = minimumGroupSize
        }
    }

    /// Where reports go and which are written.
    package struct Output: Sendable, Equatable {
        package var folder: URL
        package var partnershipWorkbook = true
        package var schoolWorkbooks = true
        /// Off by default: personal workbooks show an individual's scores.
        package var personalWorkbooks = false
        package var researchData = true
        /// Also write a `;`-separated copy with BOM for Dutch Excel.
        package var excelFriendlyCSV = false
        /// Free-text answers in researcher output; off because comments can name people.
        package var includeFreeText = false
        /// Published runs kept besides the newest.
        package var keepRuns = Defaults.keepRuns

        package init(
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
    package struct Pseudonymisation: Sendable, Equatable {
        package var keyFile: URL?
        package var keyEnvironmentVariable: String = Defaults.keyEnvironmentVariable
        package init(keyFile: URL? = nil, keyEnvironmentVariable: String = Defaults.keyEnvironmentVariable) {
            self.keyFile = keyFile
            self.keyEnvironmentVariable = keyEnvironmentVariable
        }
    }

    /// The `release:` section: settings of the management and public profiles.
    package struct Release: Sendable, Equatable {
        /// See ``Defaults/minimumSchools``.
        package var minimumSchools = Defaults.minimumSchools
        /// Write `public/`, the aggregate tables safe to publish.
        package var publicAggregates = true

        package init(minimumSchools: Int = Defaults.minimumSchools, publicAggregates: Bool = true) {
            self.minimumSchools = minimumSchools
            self.publicAggregates = publicAggregates
        }
    }
}
