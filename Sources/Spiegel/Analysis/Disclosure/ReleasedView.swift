/// Everything a management team or the public may see, decided by ``DisclosureControl``; writers only render it.
struct ReleasedView: Sendable {
    var rules: DisclosureRules
    /// Waves with wpb data, by date; open ones are in here with every cell withheld.
    var waves: [Wave]
    var areas: [CompetencyArea]
    /// School rows and partnership benchmark rows, per (level, unit, wave, area).
    var rows: [ReleasedRow]
    /// School and benchmark changes, per (level, unit, later wave, area).
    var changes: [ReleasedChange]
    /// Response counts per school and wave: counts of forms received, no scores (names stay with the coordinator).
    var response: [ResponseSummary]
    /// Every release so far, tonight's new ones included: what the next night renders closed waves from.
    var ledger: ReleaseLedger
    /// Closed waves rendered from the ledger (released on an earlier night).
    var frozenWaves: [String] = []
    /// Waves released (or re-released) tonight: new records in ``ledger``.
    var releasedTonight: [String] = []
    /// Figures the auditor (``DisclosureAuditor``) withheld tonight.
    var auditWithheld = 0
    /// Mirrored items per school, wave and item, over the school's area rows (``ReleasedItem``).
    private(set) var items: [ReleasedItem] = []
    /// The conditions of the training-school scan, in order; empty without a scan.
    var scanConditions: [CompetencyArea] = []
    /// Waves with scan data, by date.
    var scanWaves: [Wave] = []
    /// The training-school scan per (level, unit, wave, condition) (``ReleasedScanRow``).
    private(set) var scanRows: [ReleasedScanRow] = []
    private var itemsBySchool: [String: [ReleasedItem]] = [:]
    private var scanByUnit: [String: [ReleasedScanRow]] = [:]

    private var rowIndex: [Key: Int] = [:]
    private var changeIndex: [Key: Int] = [:]

    private struct Key: Hashable {
        var level: AggregateLevel, unit: String, wave: String, area: String
    }

    init(
        rules: DisclosureRules, waves: [Wave], areas: [CompetencyArea], rows: [ReleasedRow],
        changes: [ReleasedChange], response: [ResponseSummary],
        ledger: ReleaseLedger = ReleaseLedger(keyFingerprint: "", outputFolder: "")
    ) {
        self.ledger = ledger
        self.rules = rules
        self.waves = waves
        self.areas = areas
        self.rows = rows
        self.changes = changes
        self.response = response.map { summary in
            var counts = summary
            counts.missing = []
            return counts
        }
        for (index, row) in rows.enumerated() {
            rowIndex[Key(level: row.level, unit: row.unit, wave: row.wave, area: row.area)] = index
        }
        for (index, change) in changes.enumerated() {
            changeIndex[Key(level: change.level, unit: change.unit, wave: change.toWave, area: change.area)] = index
        }
    }

    /// A school's row, or the benchmark row of a partnership.
    func row(_ level: AggregateLevel, _ unit: String, wave: String, area: String) -> ReleasedRow? {
        rowIndex[Key(level: level, unit: unit, wave: wave, area: area)].map { rows[$0] }
    }

    /// The change into `wave` from the wave before it.
    func change(_ level: AggregateLevel, _ unit: String, toWave wave: String, area: String) -> ReleasedChange? {
        changeIndex[Key(level: level, unit: unit, wave: wave, area: area)].map { changes[$0] }
    }

    /// Sets the released items (in release order) and indexes them by school.
    mutating func setItems(_ items: [ReleasedItem]) {
        self.items = items
        itemsBySchool = Dictionary(grouping: items, by: \.school)
    }

    /// Sets the released scan rows and indexes them by unit.
    mutating func setScanRows(_ rows: [ReleasedScanRow]) {
        scanRows = rows
        scanByUnit = Dictionary(grouping: rows, by: \.unit)
    }

    /// A school's items in `wave`, in the self-scan's order.
    func items(_ school: String, wave: String) -> [ReleasedItem] {
        (itemsBySchool[school] ?? []).filter { $0.wave == wave }
    }

    /// A school's scan condition, or the partnership's.
    func scanRow(_ level: AggregateLevel, _ unit: String, wave: String, condition: String) -> ReleasedScanRow? {
        (scanByUnit[unit] ?? []).first { $0.level == level && $0.wave == wave && $0.condition == condition }
    }

    /// Whether the wave's figures are released (it has closed, or the rules release open waves).
    func isReleased(_ wave: Wave) -> Bool { !rules.closedWavesOnly || wave.end < rules.asOf }
}
