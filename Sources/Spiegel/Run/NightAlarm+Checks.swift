import Foundation

extension NightAlarm {
    /// Every alarm of a night, in a fixed order: files losing rows, sources shrinking, unknown schools, lost schools.
    ///
    /// - Parameters:
    ///   - day: the run's Dutch calendar day, which decides the current wave.
    ///   - previousInputs: what the run `latest` names read, to notice a source that shrank; `nil` on a first run.
    static func evaluate(
        configuration: PipelineConfiguration, ingest: IngestResult, day: Day, previousInputs: [InputFileSummary]?
    ) -> [NightAlarm] {
        let directory = SchoolDirectory(registry: configuration.registry)
        var lostByFile: [String: [QuarantineRecord]] = [:]
        for record in ingest.quarantine where record.reason.needsAction {
            lostByFile[record.origin.file, default: []].append(record)
        }
        var alarms: [NightAlarm] = []
        // An optional source may give nothing (docs/operations.md, "Exit codes"): it is noted, never an alarm.
        let optional = Set(configuration.sources.filter(\.isOptional).map(\.name))
        for file in ingest.files where !optional.contains(file.source) {
            if let alarm = rowsLost(file, lost: lostByFile[file.path] ?? [], configuration: configuration, directory: directory) {
                alarms.append(alarm)
            }
        }
        if let previousInputs {
            alarms += sourcesShrank(now: ingest.files, before: previousInputs, configuration: configuration)
        }
        alarms += unknownSchools(ingest.quarantine, configuration: configuration, directory: directory)
        alarms += lostSchools(ingest.table, configuration: configuration, day: day)
        return alarms
    }

    /// The data all alarms put under review, for the workbooks.
    static func review(of alarms: [NightAlarm]) -> DataReview {
        DataReview(alarms.flatMap(\.review))
    }

    // MARK: - Files losing rows

    private static func rowsLost(
        _ file: InputFileSummary, lost: [QuarantineRecord], configuration: PipelineConfiguration, directory: SchoolDirectory
    ) -> NightAlarm? {
        let share = configuration.night.alarmRowLoss
        guard file.rowsRead > 0, lost.count >= minimumRows, Double(lost.count) / Double(file.rowsRead) > share else {
            return nil
        }
        let percent = Int((Double(lost.count) * 100 / Double(file.rowsRead)).rounded())
        let instrument = configuration.instruments[file.instrument]
        let cause = likelyCause(of: lost, instrument: instrument, directory: directory)
        let review = Set(
            lost.map { record in
                DataReview.Entry(
                    instrument: file.instrument, school: record.hint.school.flatMap(directory.school(matching:)),
                    wave: record.hint.wave)
            })
        return NightAlarm(
            kind: .rowsLost,
            message: "\(file.path): \(lost.count) of its \(file.rowsRead) rows cannot be used (\(percent) %, more than "
                + "the alarm's \(Int((share * 100).rounded())) %): \(cause)",
            review: review.sorted { ($0.school ?? "", $0.wave ?? "") < ($1.school ?? "", $1.wave ?? "") })
    }

    /// What most likely made a file lose its rows, from the commonest reason among them, as a question a coordinator
    /// can check, ending with what to do.
    static func likelyCause(of lost: [QuarantineRecord], instrument: Instrument?, directory: SchoolDirectory) -> String {
        var counts: [QuarantineReason: Int] = [:]
        for record in lost { counts[record.reason, default: 0] += 1 }
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key.rawValue < $1.key.rawValue) }
        guard let dominant = ranked.first?.key else { return "see quarantine.csv." }
        let tally = " (" + ranked.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
        let ofDominant = lost.filter { $0.reason == dominant }
        switch dominant {
        case .outOfRange:
            return offScale(ofDominant, instrument: instrument) + tally
        case .unknownSubject:
            let schools = namedSchools(ofDominant)
            return "their wpbs are on no school's roster\(schools.isEmpty ? "" : " (the rows name \(schools))"): "
                + "is a school missing from the registry, or was the roster replaced?" + tally
        case .unknownSchool:
            return "they name schools the registry does not know (\(namedSchools(ofDominant))): was a school removed "
                + "from the registry or renamed?" + tally
        case .unmappedAnswer:
            return "the answers are words the scale does not know: was the export made in another language or with "
                + "other answer labels? Add them to `answer_labels`." + tally
        case .missingCells, .extraCells, .malformedQuote:
            return "the rows do not fit the header: was the file saved with another delimiter or edited by hand? "
                + "`spiegel sniff FILE` shows how it is read." + tally
        case .badDate:
            return "the submission times are in a format `date_formats` does not list: did the survey tool change "
                + "its date format?" + tally
        case .noWave:
            return "the submission times lie outside every configured wave: do the `waves:` in Pipeline.yml cover "
                + "this school year?" + tally
        case .encodingError:
            return "the bytes are not valid UTF-8: was the file saved in another encoding? Set `encoding:` for the "
                + "source." + tally
        case .missingIdentifier:
            return "the respondent or subject cells are empty: was a column renamed or left out of the export?" + tally
        case .noAnswers:
            return "no item is answered: do the column names still match the instrument's questions?" + tally
        case .repeatedHeader:
            return "the header row comes back inside the file: were several exports pasted into one? Export the "
                + "form once more as one file." + tally
        case .blankRow, .superseded:
            return "see quarantine.csv." + tally
        }
    }

    /// "answers 8–10 found: is this export on a 1–10 scale?", or the same below the scale.
    private static func offScale(_ records: [QuarantineRecord], instrument: Instrument?) -> String {
        let values = records.compactMap(\.hint.offScale)
        guard let scale = instrument?.scale, !values.isEmpty else {
            return "the answers lie outside the instrument's scale: was the export made on another scale?"
        }
        let above = values.filter { $0 > scale.maximum }, below = values.filter { $0 < scale.minimum }
        func range(_ found: [Int]) -> String {
            let low = found.min() ?? 0, high = found.max() ?? 0
            return low == high ? "\(low)" : "\(low)–\(high)"
        }
        let fix =
            " Export it again on the \(scale.minimum)–\(scale.maximum) scale of the instrument, or map its answers with "
            + "`answer_codes`."
        if above.count >= below.count {
            return "answers \(range(above)) found on the \(scale.minimum)–\(scale.maximum) scale: is this export on a "
                + "\(scale.minimum)–\(above.max() ?? scale.maximum) scale?" + fix
        }
        return "answers \(range(below)) found below the \(scale.minimum)–\(scale.maximum) scale: does this export count "
            + "from \(below.min() ?? 0)?" + fix
    }

    /// The schools the rows name, commonest first, at most three: "'S07' (75 rows), 'Het Lyceum' (2 rows)".
    private static func namedSchools(_ records: [QuarantineRecord]) -> String {
        var counts: [String: Int] = [:]
        for record in records {
            guard let school = record.hint.school?.trimmingCharacters(in: .whitespaces), !school.isEmpty else { continue }
            counts[school, default: 0] += 1
        }
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        var text = ranked.prefix(3).map { "'\(Excerpt.cut($0.key))' (\($0.value) rows)" }.joined(separator: ", ")
        if ranked.count > 3 { text += " and \(ranked.count - 3) more" }
        return text
    }

    // MARK: - Sources shrinking

    private static func sourcesShrank(
        now: [InputFileSummary], before: [InputFileSummary], configuration: PipelineConfiguration
    ) -> [NightAlarm] {
        var tonight: [String: Int] = [:], earlier: [String: Int] = [:]
        for file in now { tonight[file.source, default: 0] += file.rowsRead }
        for file in before { earlier[file.source, default: 0] += file.rowsRead }
        let share = configuration.night.alarmRowLoss
        return configuration.sources.compactMap { source in
            guard !source.isOptional, let previous = earlier[source.name], previous > 0 else { return nil }
            let current = tonight[source.name] ?? 0
            guard previous - current >= minimumRows, Double(previous - current) / Double(previous) > share else { return nil }
            let percent = Int((Double(previous - current) * 100 / Double(previous)).rounded())
            return NightAlarm(
                kind: .sourceShrank,
                message: "source '\(source.name)': \(current) rows tonight, \(previous) in the run `latest` names "
                    + "(\(percent) % fewer): was an export cut off, filtered or moved away from `\(source.pattern)`? "
                    + "A survey tool's export only grows during a wave.",
                review: [DataReview.Entry(instrument: source.instrument)])
        }
    }

    // MARK: - Unknown schools

    private static func unknownSchools(
        _ quarantine: [QuarantineRecord], configuration: PipelineConfiguration, directory: SchoolDirectory
    ) -> [NightAlarm] {
        struct Tally {
            var rows = 0
            var rowsPerFile: [String: Int] = [:]
            var files: Set<String> { Set(rowsPerFile.keys) }
            /// A whole school shows as several rows in one export, and many in all; a typo repeated once per file
            /// (or a respondent's own spelling of a school) does not.
            var isLost: Bool { rows >= NightAlarm.minimumRows && (rowsPerFile.values.max() ?? 0) >= 2 }
        }
        var unknown: [String: Tally] = [:], offRoster: [String: Tally] = [:]
        for record in quarantine where record.reason == .unknownSchool || record.reason == .unknownSubject {
            guard let text = record.hint.school?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            if let known = directory.school(matching: text) {
                guard record.reason == .unknownSubject else { continue }
                offRoster[known, default: Tally()].rows += 1
                offRoster[known]?.rowsPerFile[record.origin.file, default: 0] += 1
            } else {
                unknown[text, default: Tally()].rows += 1
                unknown[text]?.rowsPerFile[record.origin.file, default: 0] += 1
            }
        }
        func files(_ tally: Tally) -> String {
            let sorted = tally.files.sorted()
            return sorted.prefix(3).joined(separator: ", ") + (sorted.count > 3 ? " and \(sorted.count - 3) more" : "")
        }
        var alarms: [NightAlarm] = []
        for (text, tally) in unknown.sorted(by: { $0.key < $1.key }) where tally.isLost {
            alarms.append(
                NightAlarm(
                    kind: .unknownSchool,
                    message: "school '\(Excerpt.cut(text))': \(tally.rows) rows name a school the registry does not know "
                        + "(\(files(tally))): was it removed from the registry or renamed? Put it back in the registry, "
                        + "with its wpbs on the roster, or correct the exports.",
                    review: []))
        }
        for (school, tally) in offRoster.sorted(by: { $0.key < $1.key }) where tally.isLost {
            let name = configuration.registry.school(school).map { " \($0.name)" } ?? ""
            alarms.append(
                NightAlarm(
                    kind: .unknownSchool,
                    message: "school \(school)\(name): \(tally.rows) rows of wpbs on no roster (\(files(tally))): "
                        + "was the school's roster removed or replaced in the registry?",
                    review: []))
        }
        return alarms
    }

    // MARK: - Lost schools

    private static func lostSchools(_ forms: FormTable, configuration: PipelineConfiguration, day: Day) -> [NightAlarm] {
        guard let (previous, current) = waves(of: forms, configuration: configuration, day: day) else { return [] }
        // Forms per school, and per school and instrument last wave (for the message and the review).
        var before: [String: Int] = [:], now: [String: Int] = [:]
        var instrumentsBefore: [String: [String: Int]] = [:]
        let previousNumber = forms.waves.existingID(of: previous), currentNumber = forms.waves.existingID(of: current)
        for row in forms.rows where forms.wave[row] == previousNumber || forms.wave[row] == currentNumber {
            let school = forms.schools[forms.school[row]]
            if forms.wave[row] == previousNumber {
                before[school, default: 0] += 1
                instrumentsBefore[school, default: [:]][forms.instruments[forms.instrument[row]], default: 0] += 1
            } else {
                now[school, default: 0] += 1
            }
        }
        let totalBefore = before.values.reduce(0, +)
        return before.keys.sorted().compactMap { school in
            guard let had = before[school], had >= minimumLostForms, now[school, default: 0] == 0,
                let known = configuration.registry.school(school)
            else { return nil }
            let peersBefore = totalBefore - had
            let peersNow = now.values.reduce(0, +)
            guard peersBefore > 0, Double(peersNow) >= peerShareForLostSchool * Double(peersBefore) else { return nil }
            let lost = (instrumentsBefore[school] ?? [:]).sorted { $0.key < $1.key }
            let what = lost.map { "\(configuration.instruments[$0.key]?.title ?? $0.key) \($0.value)" }
                .joined(separator: ", ")
            return NightAlarm(
                kind: .schoolLost,
                message: "school \(school) \(known.name): no forms at all in wave \(current), after \(had) in \(previous) "
                    + "(\(what)), while the other schools' forms have arrived: was its export left out, or its id "
                    + "changed in the registry or the survey?",
                review: lost.map { DataReview.Entry(instrument: $0.key, school: school, wave: current) })
        }
    }

    /// A school lost only counts when it had at least this many forms last wave.
    static let minimumLostForms = 3

    /// The wave before the current one and the current one: the wave holding `day` (between waves the latest
    /// begun), as the reminder list takes it; `nil` when there is no earlier wave.
    static func waves(of forms: FormTable, configuration: PipelineConfiguration, day: Day) -> (previous: String, current: String)?
    {
        if !configuration.waves.isEmpty {
            let waves = configuration.waves.sorted()
            guard
                let current = waves.firstIndex(where: { $0.contains(day) })
                    ?? waves.lastIndex(where: { $0.start <= day }),
                current > 0
            else { return nil }
            return (waves[current - 1].id, waves[current].id)
        }
        let current = Wave.schoolYear(containing: day).id
        // Over the waves of rows in use: the table's names also hold those of superseded rows.
        var used = Set<WaveNumber>()
        for number in forms.wave { used.insert(number) }
        guard let previous = used.map({ forms.waves[$0] }).filter({ $0 < current }).max() else { return nil }
        return (previous, current)
    }
}
