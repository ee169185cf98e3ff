import Foundation

/// Every figure ever released to management teams or the public, per wave, with its population as keyed
/// pseudonymous member ids (docs/analysis.md, "Disclosure").
///
/// The first release of a closed wave is final: later nights render that wave from here, so late, withdrawn
/// or resubmitted forms never move a released figure. A wave appears again only when the coordinator
/// re-releases it explicitly (`spiegel run --re-release WAVE`). Kept 0600 beside `Pipeline.yml`
/// (``fileName``), with a copy in each published run to restore it from (``ReleaseLedgerStore``).
struct ReleaseLedger: Sendable, Equatable {
    /// Format version of the file; a newer version is refused rather than misread.
    static let formatVersion: UInt8 = 1
    /// The file name beside `Pipeline.yml` and in each published run.
    static let fileName = "release-ledger.bin"

    /// Which key made the member ids (``LedgerMemberIDs/fingerprint``): another key gives other ids.
    var keyFingerprint: String { didSet { decodedFrom = nil } }
    /// The output folder the ledger's releases were published into.
    var outputFolder: String { didSet { decodedFrom = nil } }
    /// The releases, oldest first; a re-released wave has several, the last one is current.
    var releases: [WaveRelease] { didSet { decodedFrom = nil } }
    /// What happened to the ledger, one line per night that changed it (releases, re-releases, a new ledger).
    var events: [String] { didSet { decodedFrom = nil } }
    /// The file it was read from, as long as nothing changed since: most nights release nothing new, and staging
    /// those bytes as they are saves encoding the whole ledger again (a tenth of the release step at ten years).
    var decodedFrom: Data?

    init(keyFingerprint: String, outputFolder: String, releases: [WaveRelease] = [], events: [String] = []) {
        self.keyFingerprint = keyFingerprint
        self.outputFolder = outputFolder
        self.releases = releases
        self.events = events
    }

    /// Ledgers are equal when their contents are; whether one still holds the bytes it was read from does not count.
    static func == (lhs: ReleaseLedger, rhs: ReleaseLedger) -> Bool {
        lhs.keyFingerprint == rhs.keyFingerprint && lhs.outputFolder == rhs.outputFolder && lhs.releases == rhs.releases
            && lhs.events == rhs.events
    }

    /// The release a wave's figures are rendered from: its last one.
    func current(_ wave: String) -> WaveRelease? { releases.last { $0.wave == wave } }

    /// Every release of `wave`, oldest first.
    func history(of wave: String) -> [WaveRelease] { releases.filter { $0.wave == wave } }
}

/// One wave's figures as released on one night: school rows and the change into the wave.
struct WaveRelease: Sendable, Equatable {
    var wave: String
    /// The Dutch calendar day of the release.
    var day: Day
    /// *k* the figures were released under; a larger *k* later withdraws figures (``DisclosureControl``).
    var minimumGroupSize: Int
    /// Sorted member ids; figures refer to them by index, so a population shared by many figures is kept once.
    var populations: [[UInt64]]
    var figures: [LedgerFigure]

    init(wave: String, day: Day, minimumGroupSize: Int, populations: [[UInt64]] = [], figures: [LedgerFigure] = []) {
        self.wave = wave
        self.day = day
        self.minimumGroupSize = minimumGroupSize
        self.populations = populations
        self.figures = figures
    }
}

/// One released figure: where it belongs, and its value or why it was withheld.
struct LedgerFigure: Sendable, Equatable {
    /// A school row, the change into the release's wave from ``fromWave``, a mirrored item of a school's area
    /// (``name`` holds item and measure, ``DisclosureControl/Figure/item(_:_:)``), or a condition of the school's
    /// own training-school scan (``area`` holds the condition, ``name`` the role).
    enum Kind: UInt8, Sendable { case row = 0, change = 1, item = 2, scan = 3 }

    var kind: Kind
    /// School id.
    var unit: String
    var area: String
    /// The earlier wave of a change; empty for a row.
    var fromWave: String
    /// `self`, `feedback`, `gap`, `shares`, a role, `change_self`, `change_feedback` (``DisclosureControl``).
    var name: String
    /// Index into ``WaveRelease/populations``: who is behind the figure, also when it is withheld (the auditor
    /// needs a row's role structure); `nil` when no one is.
    var population: Int?
    /// Means hold `[mean]`; shares hold the counts per gap category; empty when withheld or without data. A scan
    /// figure, whose respondents are counted but not identified, holds `[forms, mean]` (`[forms]` when withheld).
    var values: [Double]
    var withheld: WithholdingReason?

    init(
        kind: Kind, unit: String, area: String, fromWave: String, name: String, population: Int?, values: [Double],
        withheld: WithholdingReason?
    ) {
        self.kind = kind
        self.unit = unit
        self.area = area
        self.fromWave = fromWave
        self.name = name
        self.population = population
        self.values = values
        self.withheld = withheld
    }

    var isShown: Bool { withheld == nil && population != nil && !values.isEmpty }
}
