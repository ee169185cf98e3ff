import Foundation

/// The forms of a run (or of one file), stored column by column: what ingest hands to the analysis and the
/// research writer.
///
/// A national run holds a million forms. As ``Form`` values they were seven Strings and two heap arrays each,
/// retained on every copy and hashed on every lookup; here a form is a row of small typed numbers into name
/// indexes, its scores a slice of one flat byte array, so the analysis and the research writer read integers.
/// ``Form`` values remain as a view (`table[row]`) for tests, small inputs and the rare row a message needs.
struct FormTable: Sendable {
    /// Where rows came from: a file's path as the configuration named it and its position among all inputs.
    struct SourceFile: Sendable {
        /// An origin of the file with line 0, so a row's origin is a copy with its line set.
        var origin: RowOrigin
    }

    private(set) var instruments = NameIndex<InstrumentNumber>()
    private(set) var waves = NameIndex<WaveNumber>()
    private(set) var schools = NameIndex<SchoolNumber>()
    /// Respondents and subjects; a school-scan form's subject is the school's id, numbered here as well.
    private(set) var people = PersonDirectory()
    private(set) var files: [SourceFile] = []

    private(set) var instrument: [InstrumentNumber] = []
    private(set) var role: [Role] = []
    private(set) var respondent: [PersonID] = []
    private(set) var subject: [PersonID] = []
    private(set) var school: [SchoolNumber] = []
    private(set) var wave: [WaveNumber] = []
    private(set) var submittedAt: [Date] = []
    /// Per row: its position in ``files``.
    private(set) var file: [Int32] = []
    private(set) var line: [Int32] = []
    /// Per row: where its scores start in ``scoreBytes``; they end where the next row's start.
    private(set) var scoreStart: [Int32] = []
    private(set) var scoreBytes: [UInt8] = []
    /// Per row: the free-text answers per open question, empty when the instrument has none (an empty array
    /// costs no allocation).
    private(set) var comments: [[String]] = []

    init() {}

    /// The table of `forms`, in their order.
    init<Forms: Sequence<Form>>(_ forms: Forms) {
        for form in forms { append(form) }
    }

    var count: Int { instrument.count }
    var isEmpty: Bool { instrument.isEmpty }
    var rows: Range<Int> { 0..<count }

    /// Row `row`'s item scores, without copying them.
    func scores(_ row: Int) -> ItemScores { ItemScores(encoded: scoreBytes[scoreRange(row)]) }

    /// Where row `row`'s scores lie in ``scoreBytes``.
    func scoreRange(_ row: Int) -> Range<Int> {
        Int(scoreStart[row])..<(row + 1 < scoreStart.count ? Int(scoreStart[row + 1]) : scoreBytes.count)
    }

    /// Row `row`'s origin: its file and line.
    func origin(_ row: Int) -> RowOrigin {
        var origin = files[Int(file[row])].origin
        origin.line = Int(line[row])
        return origin
    }

    /// Row `row`'s ``Form/id``: its file's name and its line, for researcher output.
    func formID(_ row: Int) -> String { "\(files[Int(file[row])].origin.fileName):\(line[row])" }

    /// Row `row`'s free-text answers per open question; empty when none.
    func comments(_ row: Int) -> [String] { comments[row] }

    /// Adds `form` as the last row.
    mutating func append(_ form: Form) {
        let fileIndex: Int32
        if let last = files.last, last.origin.file == form.origin.file, last.origin.fileOrder == form.origin.fileOrder {
            fileIndex = Int32(files.count - 1)
        } else {
            var origin = form.origin
            origin.line = 0
            files.append(SourceFile(origin: origin))
            fileIndex = Int32(files.count - 1)
        }
        let respondentID = people.id(of: form.respondent)
        appendRow(
            instrument: instruments.id(of: form.instrument), role: form.role, respondent: respondentID,
            subject: form.subject == form.respondent ? respondentID : people.id(of: form.subject),
            school: schools.id(of: form.school), wave: waves.id(of: form.wave), submittedAt: form.submittedAt,
            file: fileIndex, line: Int32(clamping: form.origin.line), scores: form.scores.encoded, comments: form.comments)
    }

    /// Adds one row of numbers already in this table's indexes.
    mutating func appendRow(
        instrument: InstrumentNumber, role: Role, respondent: PersonID, subject: PersonID, school: SchoolNumber,
        wave: WaveNumber, submittedAt: Date, file: Int32, line: Int32, scores: ArraySlice<UInt8>, comments: [String]
    ) {
        self.instrument.append(instrument)
        self.role.append(role)
        self.respondent.append(respondent)
        self.subject.append(subject)
        self.school.append(school)
        self.wave.append(wave)
        self.submittedAt.append(submittedAt)
        self.file.append(file)
        self.line.append(line)
        scoreStart.append(Int32(scoreBytes.count))
        scoreBytes.append(contentsOf: scores)
        self.comments.append(comments)
    }
}

extension FormTable: RandomAccessCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// Row `row` as a ``Form``: a view for tests and small inputs; the large stages read the columns.
    subscript(row: Int) -> Form {
        Form(
            origin: origin(row), instrument: instruments[instrument[row]], role: role[row],
            respondent: people[respondent[row]], subject: people[subject[row]], school: schools[school[row]],
            submittedAt: submittedAt[row], wave: waves[wave[row]], scores: scores(row), comments: comments[row])
    }
}

// MARK: - Merging and compacting (here, not in an extension file: the columns' setters stay private to this file)

extension FormTable {
    /// Adds every row of `other` (one file's table) after the last, renumbering its names into this table's
    /// indexes once per name rather than once per row.
    /// - Parameter keepingComments: `false` leaves the rows' free-text answers behind, for a run that shows them
    ///   nowhere (tens of MB at ten years).
    /// - Returns: the positions of the added rows.
    @discardableResult
    mutating func append(contentsOf other: FormTable, keepingComments: Bool = true) -> Range<Int> {
        let first = count
        let instruments = other.instruments.names.map { self.instruments.id(of: $0) }
        let waves = other.waves.names.map { self.waves.id(of: $0) }
        let schools = other.schools.names.map { self.schools.id(of: $0) }
        let people = other.people.names.map { self.people.id(of: $0) }
        let fileOffset = Int32(files.count)
        files += other.files
        // Grown geometrically when the caller did not reserve: reserving the exact size per file made every append
        // copy all columns (2 % of a ten-year night in memmove).
        if instrument.capacity < first + other.count || scoreBytes.capacity < scoreBytes.count + other.scoreBytes.count {
            reserveCapacity(
                forms: Swift.max(first + other.count, 2 * count),
                scoreBytes: Swift.max(scoreBytes.count + other.scoreBytes.count, 2 * scoreBytes.count))
        }
        for row in other.rows {
            appendRow(
                instrument: instruments[Int(other.instrument[row].index)], role: other.role[row],
                respondent: people[Int(other.respondent[row].index)], subject: people[Int(other.subject[row].index)],
                school: schools[Int(other.school[row].index)], wave: waves[Int(other.wave[row].index)],
                submittedAt: other.submittedAt[row], file: fileOffset + other.file[row], line: other.line[row],
                scores: other.scores(row).encoded, comments: keepingComments ? other.comments[row] : [])
        }
        return first..<count
    }

    /// Keeps the rows whose `keep` is true, in order, moving them down in place: a second table of a million
    /// rows would double the peak.
    mutating func keepRows(_ keep: [Bool]) {
        precondition(keep.count == count, "one flag per row")
        var kept = 0
        var bytesKept = 0
        for row in rows where keep[row] {
            // By index, not through a slice: a slice would hold the array and make the first write copy all of it.
            // Moving down never overwrites a later row's bytes: the target lies at or before the source.
            let start = bytesKept
            for source in scoreRange(row) {
                scoreBytes[bytesKept] = scoreBytes[source]
                bytesKept += 1
            }
            if kept != row {
                instrument[kept] = instrument[row]
                role[kept] = role[row]
                respondent[kept] = respondent[row]
                subject[kept] = subject[row]
                school[kept] = school[row]
                wave[kept] = wave[row]
                submittedAt[kept] = submittedAt[row]
                file[kept] = file[row]
                line[kept] = line[row]
                comments.swapAt(kept, row)
            }
            scoreStart[kept] = Int32(start)
            kept += 1
        }
        instrument.removeSubrange(kept...)
        role.removeSubrange(kept...)
        respondent.removeSubrange(kept...)
        subject.removeSubrange(kept...)
        school.removeSubrange(kept...)
        wave.removeSubrange(kept...)
        submittedAt.removeSubrange(kept...)
        file.removeSubrange(kept...)
        line.removeSubrange(kept...)
        scoreStart.removeSubrange(kept...)
        comments.removeSubrange(kept...)
        scoreBytes.removeSubrange(bytesKept...)
    }

    /// How many distinct (subject, wave) pairs the rows hold, counted in a bit per person and wave rather than a
    /// hashed set (a million inserts cost 1 % of a ten-year night).
    func distinctSubjectWaves() -> Int {
        let waveCount = waves.count
        var seen = [UInt64](repeating: 0, count: (people.count * waveCount + 63) / 64)
        var distinct = 0
        for row in rows {
            let bit = Int(subject[row].index) * waveCount + Int(wave[row].index)
            let (word, mask) = (bit / 64, UInt64(1) << UInt64(bit % 64))
            if seen[word] & mask == 0 {
                seen[word] |= mask
                distinct += 1
            }
        }
        return distinct
    }

    /// Room for `rows` forms with `bytes` score bytes in all, so appending tables up to that size copies no column.
    mutating func reserveCapacity(forms rows: Int, scoreBytes bytes: Int) {
        instrument.reserveCapacity(rows)
        role.reserveCapacity(rows)
        respondent.reserveCapacity(rows)
        subject.reserveCapacity(rows)
        school.reserveCapacity(rows)
        wave.reserveCapacity(rows)
        submittedAt.reserveCapacity(rows)
        file.reserveCapacity(rows)
        line.reserveCapacity(rows)
        scoreStart.reserveCapacity(rows)
        comments.reserveCapacity(rows)
        scoreBytes.reserveCapacity(bytes)
    }
}
