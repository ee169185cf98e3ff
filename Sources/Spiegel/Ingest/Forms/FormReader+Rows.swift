import Foundation

extension FormReader {
    /// Why a row was not used, before it becomes a ``QuarantineRecord``.
    struct Rejection: Error {
        var reason: QuarantineReason
        var message: String
        var hint = QuarantineHint()
    }

    /// The form in `record`, or the first reason it cannot be used.
    ///
    /// Checks run from the file's structure to the meaning of the cells, so a row reports its most
    /// basic problem: malformed quote, bad bytes, blank, cell count, identifiers, school, date, wave, answers.
    /// Control characters removed from its open answers are added to `controlCharactersRemoved`; a "did you mean"
    /// for an unknown wpb uses up one of `suggestionsLeft` (``SchoolDirectory/suggestionsPerFile``).
    func form(
        from record: CSVRecord, columns: FormColumns, header: [String], checkEncoding: Bool,
        origin: RowOrigin, sheet: String? = nil, controlCharactersRemoved: inout Int, suggestionsLeft: inout Int
    ) -> Result<Form, Rejection> {
        if let problem = Self.structuralProblem(record, header: header, checkEncoding: checkEncoding) {
            return .failure(problem)
        }
        /// How messages name a column: its header text and position, or, in a workbook, the cell.
        func name(_ column: Int) -> String {
            let place =
                sheet.map { "cell \(SheetPart.reference(column: column, row: origin.line)) of sheet '\(Excerpt.cut($0))'" }
                ?? "\(column + 1)"
            return column < header.count && !header[column].isEmpty
                ? "column '\(Excerpt.cut(header[column]))' (\(place))"
                : "column \(column + 1)" + (sheet == nil ? "" : " (\(place))")
        }
        let who: People
        switch people(in: record, columns: columns, name: name, suggestionsLeft: &suggestionsLeft) {
        case .success(let found): who = found
        case .failure(let rejection): return .failure(rejection)
        }
        let when: (date: Date, wave: String)
        switch submission(in: record, columns: columns, isWorkbook: sheet != nil, name: name) {
        case .success(let found): when = found
        case .failure(let rejection): return .failure(rejection)
        }
        let scores: ItemScores
        switch itemScores(in: record, columns: columns, school: who.school, wave: when.wave, name: name) {
        case .success(let found): scores = found
        case .failure(let rejection): return .failure(rejection)
        }
        return .success(
            Form(
                origin: origin, instrument: instrument.id, role: role, respondent: who.respondent,
                subject: who.subject, school: who.school, submittedAt: when.date, wave: when.wave, scores: scores,
                comments: comments(in: record, columns: columns, controlCharactersRemoved: &controlCharactersRemoved)))
    }

    /// Who filled in a form, whom it is about and the school it counts for.
    private struct People {
        var respondent: String
        var subject: String
        var school: String
    }

    /// The respondent, subject and school of a row: a wpb's subject must be on the roster (with a "did you mean"
    /// while `suggestionsLeft`), a school form's subject is its school.
    private func people(
        in record: CSVRecord, columns: FormColumns, name: (Int) -> String, suggestionsLeft: inout Int
    ) -> Result<People, Rejection> {
        let respondent = schools.canonical(Identifier.normalized(record[columns.respondent]))
        guard !respondent.isEmpty else {
            return .failure(
                .init(reason: .missingIdentifier, message: "The respondent (\(name(columns.respondent))) is empty."))
        }
        if instrument.subjectKind == .school {
            let column = columns.school ?? columns.subject ?? columns.respondent
            let text = record[column]
            guard let id = schools.school(matching: text) else { return .failure(Self.unknownSchool(text, column: name(column))) }
            return .success(People(respondent: respondent, subject: id, school: id))
        }
        var subject = respondent
        if let column = columns.subject {
            subject = schools.canonical(Identifier.normalized(record[column]))
            guard !subject.isEmpty else {
                return .failure(.init(reason: .missingIdentifier, message: "The subject (\(name(column))) is empty."))
            }
        }
        let rosterSchool = schools.rosterSchool(of: subject)
        if schools.hasRoster && rosterSchool == nil {
            return .failure(unknownSubject(subject, school: columns.school.map { record[$0] }, suggestionsLeft: &suggestionsLeft))
        }
        if let column = columns.school {
            let text = record[column]
            guard let id = schools.school(matching: text) else { return .failure(Self.unknownSchool(text, column: name(column))) }
            return .success(People(respondent: respondent, subject: subject, school: id))
        }
        guard let rosterSchool else {
            return .failure(.init(reason: .unknownSchool, message: "No school column and '\(subject)' is not on the roster."))
        }
        return .success(People(respondent: respondent, subject: subject, school: rosterSchool))
    }

    /// A wpb on no school's roster, with a "did you mean" while `suggestionsLeft`.
    private func unknownSubject(_ subject: String, school: String?, suggestionsLeft: inout Int) -> Rejection {
        let advice: String
        if suggestionsLeft > 0 {
            suggestionsLeft -= 1
            advice =
                schools.nearestRosterEntry(to: subject).map {
                    "did you mean '\($0)'? Correct the address in the export, or add them to the roster if they are someone else."
                } ?? "add them to the roster or correct the address."
        } else {
            advice = SchoolDirectory.noSuggestion
        }
        return Rejection(
            reason: .unknownSubject, message: "'\(subject)' is not on the roster of any school; \(advice)",
            hint: QuarantineHint(school: school))
    }

    /// When a row was submitted and the wave that day lies in (the school year when no waves are configured).
    private func submission(
        in record: CSVRecord, columns: FormColumns, isWorkbook: Bool, name: (Int) -> String
    ) -> Result<(date: Date, wave: String), Rejection> {
        let dateText = record[columns.submittedAt]
        // A workbook's date cells arrive as `yyyy-MM-dd HH:mm:ss` whatever `date_formats` says.
        guard let submitted = dates.parse(dateText) ?? (isWorkbook ? workbookDates.parse(dateText) : nil) else {
            let message =
                dateText.trimmingCharacters(in: .whitespaces).isEmpty
                ? "The submission time (\(name(columns.submittedAt))) is empty."
                : "The submission time '\(Excerpt.cut(dateText))' (\(name(columns.submittedAt))) matches none of the date formats "
                    + "(\(dates.formats.joined(separator: " | "))); add its pattern to `date_formats`."
            return .failure(.init(reason: .badDate, message: message))
        }
        if waves.isEmpty { return .success((submitted.date, Wave.schoolYear(containing: submitted.localDay).id)) }
        guard let found = waves.first(where: { $0.contains(submitted.localDay) }) else {
            return .failure(
                .init(
                    reason: .noWave, message: "Submitted on \(submitted.localDay), which lies in none of the configured waves."))
        }
        return .success((submitted.date, found.id))
    }

    /// The item answers of a row as scores; a row with an answer off the scale or unknown, or with none, is refused.
    private func itemScores(
        in record: CSVRecord, columns: FormColumns, school: String, wave: String, name: (Int) -> String
    ) -> Result<ItemScores, Rejection> {
        var scores: [Int?] = []
        scores.reserveCapacity(columns.items.count)
        var notAsked: Set<Int> = []
        for (index, column) in columns.items.enumerated() {
            guard let column else {
                scores.append(nil)
                notAsked.insert(index)
                continue
            }
            switch answers.map(bytes: record.fieldBytes(column)) {
            case .score(let value):
                scores.append(value)
            case .notAnswered:
                scores.append(nil)
            case .outOfRange(let value):
                return .failure(
                    .init(
                        reason: .outOfRange,
                        message: "Item \(instrument.items[index].id) (\(name(column))): \(value) is outside "
                            + "the scale \(instrument.scale.minimum)–\(instrument.scale.maximum).",
                        hint: QuarantineHint(school: school, wave: wave, offScale: value)))
            case .unmapped:
                return .failure(
                    .init(
                        reason: .unmappedAnswer,
                        message: "Item \(instrument.items[index].id) (\(name(column))): the answer "
                            + "'\(Excerpt.cut(record[column]))' is no number, label or not-answered word of the scale; "
                            + "add it to `answer_labels` if it is one."))
            }
        }
        if !scores.contains(where: { $0 != nil }) {
            return .failure(.init(reason: .noAnswers, message: "No item is answered."))
        }
        return .success(ItemScores(scores, notAsked: notAsked))
    }

    /// The open answers of a row, cleaned (``comment(in:column:)``); empty when the export has no open question.
    private func comments(in record: CSVRecord, columns: FormColumns, controlCharactersRemoved: inout Int) -> [String] {
        guard columns.openQuestions.contains(where: { $0 != nil }) else { return [] }
        var comments: [String] = []
        comments.reserveCapacity(columns.openQuestions.count)
        for column in columns.openQuestions {
            guard let column else {
                comments.append("")
                continue
            }
            let (text, removed) = Self.comment(in: record, column: column)
            controlCharactersRemoved += removed
            comments.append(text)
        }
        return comments
    }

    /// The cell cleaned of control characters (``FreeText``) and trimmed of white space, with how
    /// many characters were removed. Most comment cells are empty or plain and start and end in a
    /// visible ASCII character; only the others pay for cleaning and Unicode-aware trimming.
    static func comment(in record: CSVRecord, column: Int) -> (String, Int) {
        let bytes = record.fieldBytes(column)
        guard let first = bytes.first, let last = bytes.last else { return ("", 0) }
        if bytes.allSatisfy(ASCII.isWhitespace) { return ("", 0) }
        guard FreeText.mayNeedCleaning(bytes) else {
            if first < 0x80 && last < 0x80 && !ASCII.isWhitespace(first) && !ASCII.isWhitespace(last) {
                return (record[column], 0)
            }
            return (record[column].trimmingCharacters(in: .whitespacesAndNewlines), 0)
        }
        let (text, removed) = FreeText.sanitised(record[column])
        return (text.trimmingCharacters(in: .whitespacesAndNewlines), removed)
    }

    static func unknownSchool(_ text: String, column: String) -> Rejection {
        Rejection(
            reason: .unknownSchool,
            message: "The school '\(Excerpt.cut(text))' (\(column)) matches no school id or name in the registry.",
            hint: QuarantineHint(school: text))
    }

    /// The row-level problems of a record that do not depend on what its columns mean: malformed
    /// quotes, invalid bytes, a blank row, too few or too many cells. Extra cells that are all empty
    /// (Excel's trailing `;;`) are accepted.
    static func structuralProblem(_ record: CSVRecord, header: [String], checkEncoding: Bool) -> Rejection? {
        let headerCount = header.count
        if let problem = record.problem {
            if case .tooManyFields = problem { return Rejection(reason: .extraCells, message: "Malformed row: \(problem).") }
            return Rejection(reason: .malformedQuote, message: "Malformed quotes: \(problem); reading resumed on the next line.")
        }
        if checkEncoding && !record.isValidUTF8 {
            return Rejection(
                reason: .encodingError,
                message: "The row contains bytes that are not valid UTF-8; save the export again as UTF-8.")
        }
        if record.isBlank {
            return Rejection(reason: .blankRow, message: "The row is empty.")
        }
        if record.count == headerCount && headerCount > 1 && record.fieldBytes(0).elementsEqual(header[0].utf8)
            && record.fields == header
        {
            return Rejection(
                reason: .repeatedHeader,
                message: "The row repeats the header (two exports pasted into one file?); nothing is lost.")
        }
        if record.count < headerCount {
            return Rejection(reason: .missingCells, message: "The row has \(record.count) cells; the header has \(headerCount).")
        }
        if record.count > headerCount {
            for index in headerCount..<record.count where !record.fieldBytes(index).allSatisfy({ $0 == ASCII.space }) {
                return Rejection(
                    reason: .extraCells,
                    message: "The row has \(record.count) cells; the header has \(headerCount) "
                        + "(column \(index + 1) holds '\(Excerpt.cut(record[index]))').")
            }
        }
        return nil
    }
}
