/// The data a night's alarm put under review: which instruments' forms of which schools and waves may be missing,
/// so a school workbook says so instead of counting what did not arrive (docs/operations.md, "Alarms").
///
/// Decided once per run by the alarm check (``NightAlarm``) and handed to every workbook through ``ReportContext``;
/// the workbook layer only asks it.
struct DataReview: Sendable, Equatable {
    /// One instrument's forms under review, for one school or all (`nil`), in one wave or all (`nil`).
    struct Entry: Sendable, Hashable {
        var instrument: String
        var school: String?
        var wave: String?

        init(instrument: String, school: String? = nil, wave: String? = nil) {
            self.instrument = instrument
            self.school = school
            self.wave = wave
        }

        func covers(school: String, wave: String) -> Bool {
            (self.school == nil || self.school == school) && (self.wave == nil || self.wave == wave)
        }
    }

    private(set) var entries: Set<Entry> = []

    init(_ entries: some Sequence<Entry> = []) {
        self.entries = Set(entries)
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func insert(_ entry: Entry) { entries.insert(entry) }

    /// The instruments whose forms of `school` in `wave` are under review, sorted.
    func instruments(school: String, wave: String) -> [String] {
        Set(entries.filter { $0.covers(school: school, wave: wave) }.map(\.instrument)).sorted()
    }

    /// The sentence a school workbook shows instead of its response counts for `wave`, or `nil` when nothing of
    /// that school and wave is under review.
    func dutchNotice(school: String, wave: String, context: ReportContext) -> String? {
        let instruments = instruments(school: school, wave: wave)
        guard !instruments.isEmpty else { return nil }
        let titles = instruments.map { "'\(context.instrumentTitle($0))'" }
        let named = titles.count == 1 ? titles[0] : titles.dropLast().joined(separator: ", ") + " en " + titles[titles.count - 1]
        return "De gegevens van \(named) in \(context.waveName(wave)) ontbreken of worden nagekeken: ze zijn deze nacht "
            + "niet volledig binnengekomen. De aantallen en cijfers van dat meetmoment zijn daarom nog niet betrouwbaar; "
            + "de coördinator zoekt het uit."
    }
}
