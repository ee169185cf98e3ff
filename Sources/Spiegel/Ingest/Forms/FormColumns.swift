/// Which column (0-based) of one export holds what, worked out from its header and the source's mapping.
struct FormColumns: Equatable {
    var respondent: Int
    var subject: Int?
    var school: Int?
    var submittedAt: Int
    /// One column per item of the instrument, in item order; `nil` for an item the source does not ask.
    var items: [Int?]
    /// One entry per open question; `nil` when the export has no column for it.
    var openQuestions: [Int?]
    /// Open questions left without a column because several headers match: id → 1-based positions.
    var ambiguousOpenQuestions: [String: [Int]] = [:]

    /// Resolves `mapping` against `header`.
    ///
    /// Mapped columns are found by header text (without case or repeated spaces) or position.
    /// An item not mapped is looked for by its code (`Z01`), then its text (Google Forms), then a
    /// header that starts with the code (`Z01. Ik ben …`), then a header that contains the text.
    /// Items in `notAsked` get no column (the export lacks them on purpose).
    static func resolve(
        header: [String], mapping: ColumnMapping, instrument: Instrument, file: String,
        source: String, notAsked: Set<String> = []
    ) throws(IngestError) -> FormColumns {
        let columns = HeaderSearch(header: header, file: file, source: source)
        let respondent = try columns.find(mapping.respondent, purpose: "respondent")
        let subject = try columns.optional(mapping.subject, purpose: "subject")
        let school = try columns.optional(mapping.school, purpose: "school")
        let submittedAt = try columns.find(mapping.submittedAt, purpose: "submitted_at")
        var items: [Int?] = []
        var notFound: [String] = []
        for item in instrument.items {
            if notAsked.contains(item.id) {
                items.append(nil)
            } else if let reference = mapping.items[item.id] {
                items.append(try columns.find(reference, purpose: "item \(item.id)"))
            } else if let column = try columns.search(code: item.id, text: item.text, purpose: "item \(item.id)") {
                items.append(column)
            } else {
                notFound.append(item.id)
            }
        }
        guard notFound.isEmpty else { throw .itemColumnsNotFound(file: file, source: source, items: notFound) }
        var openQuestions: [Int?] = []
        var ambiguous: [String: [Int]] = [:]
        for question in instrument.openQuestions {
            if let reference = mapping.openQuestions[question.id] {
                openQuestions.append(try columns.find(reference, purpose: "open question \(question.id)"))
            } else {
                do {
                    openQuestions.append(try columns.search(code: question.id, text: question.text, purpose: "open question"))
                } catch {
                    // Comments are optional, so the form is still read; `spiegel check` and the run warn.
                    if case let .ambiguousColumn(_, _, _, _, positions) = error { ambiguous[question.id] = positions }
                    openQuestions.append(nil)
                }
            }
        }
        return FormColumns(
            respondent: respondent, subject: subject, school: school, submittedAt: submittedAt,
            items: items, openQuestions: openQuestions, ambiguousOpenQuestions: ambiguous)
    }

    /// The columns of one header, found by reference or by search; errors name the file and source.
    private struct HeaderSearch {
        let header: [String]
        let normalizedHeader: [String]
        let file: String
        let source: String

        init(header: [String], file: String, source: String) {
            self.header = header
            normalizedHeader = header.map(FormColumns.normalizeHeader)
            self.file = file
            self.source = source
        }

        func find(_ reference: ColumnReference, purpose: String) throws(IngestError) -> Int {
            switch reference {
            case .position(let position):
                guard position >= 1 && position <= header.count else {
                    throw .missingColumn(file: file, source: source, purpose: purpose, reference: reference, header: header)
                }
                return position - 1
            case .header(let text):
                let wanted = FormColumns.normalizeHeader(text)
                let matches = normalizedHeader.indices.filter { normalizedHeader[$0] == wanted }
                guard let first = matches.first else {
                    throw .missingColumn(file: file, source: source, purpose: purpose, reference: reference, header: header)
                }
                guard matches.count == 1 else {
                    throw .ambiguousColumn(
                        file: file, source: source, purpose: purpose, reference: reference,
                        positions: matches.map { $0 + 1 })
                }
                return first
            }
        }

        func optional(_ reference: ColumnReference?, purpose: String) throws(IngestError) -> Int? {
            guard let reference else { return nil }
            return try find(reference, purpose: purpose)
        }

        /// The one header passing the first test that any header passes.
        func search(code: String, text: String, purpose: String) throws(IngestError) -> Int? {
            let code = FormColumns.normalizeHeader(code), text = FormColumns.normalizeHeader(text)
            let tests: [(String) -> Bool] = [
                { $0 == code },
                { !text.isEmpty && $0 == text },
                { $0.hasPrefix(code) && $0.dropFirst(code.count).first.map { !$0.isLetter && !$0.isNumber } == true },
                { text.count >= 12 && $0.contains(text) },
            ]
            for test in tests {
                let matches = normalizedHeader.indices.filter { test(normalizedHeader[$0]) }
                if matches.count == 1 { return matches[0] }
                if matches.count > 1 {
                    throw .ambiguousColumn(
                        file: file, source: source, purpose: purpose, reference: .header(code),
                        positions: matches.map { $0 + 1 })
                }
            }
            return nil
        }
    }

    /// Header text as compared: lowercased, trimmed, inner white space made single, stray BOM removed.
    static func normalizeHeader(_ text: String) -> String {
        AnswerMapper.normalize(text.replacingOccurrences(of: "\u{FEFF}", with: ""))
    }
}
