import Foundation

extension ResearchExport {
    /// `forms.csv`, `responses.csv` (and `comments.csv`): one pass over the forms.
    ///
    /// A form's attributes are written once, to `forms.csv`, under a running number (its `form_id`); its answers go
    /// to `responses.csv` as `form_id, item, score`, one row per item. Unanswered items get a row with an empty
    /// score, so the file shows what each form asked, and "not answered" is never confused with "not asked".
    ///
    /// `responses.csv` is the largest file by far (24 million rows at ten years), so its rows are put together
    /// from bytes: the running number and the score are encoded as digits, the item ids once per instrument.
    /// Everything per row is read from the table's columns: instruments, waves and schools by number,
    /// pseudonyms by person number (``PseudonymTable``).
    func writeFormRows(
        _ forms: FormTable, to formTable: ResearchTableWriter, responses: ResearchTableWriter,
        comments: ResearchTableWriter?, seen: inout SeenValues, pseudonyms: inout PseudonymTable, masked: inout Int
    ) throws {
        var layouts = [InstrumentRows?](repeating: nil, count: forms.instruments.count)
        let partnerships = forms.schools.names.map { registry.school($0)?.partnership }
        var wavesSeen = [Bool](repeating: false, count: forms.waves.count)
        var schoolsSeen = [Bool](repeating: false, count: forms.schools.count)
        let mask = FreeTextMask()
        var dutchDays = Day.DutchDays()
        for row in forms.rows {
            let layout = try rows(
                of: forms.instrument[row], in: forms, row: row, layouts: &layouts, seen: &seen, responses: responses)
            let instrument = layout.instrument
            let scores = forms.scores(row)
            guard scores.count == instrument.items.count else {
                throw ResearchExportError.itemCountMismatch(
                    form: forms.formID(row), instrument: instrument.id, scores: scores.count, items: instrument.items.count)
            }
            let formNumber = row + 1
            let wave = Int(forms.wave[row].index)
            let school = Int(forms.school[row].index)
            wavesSeen[wave] = true
            schoolsSeen[school] = true

            formTable.integer(formNumber)
            formTable.text(forms.formID(row))
            formTable.text(instrument.id)
            formTable.text(forms.waves.names[wave])
            formTable.text(forms.role[row].rawValue)
            formTable.text(pseudonyms.pseudonym(of: forms.respondent[row]))
            formTable.text(pseudonyms.pseudonym(of: forms.subject[row]))
            formTable.text(forms.schools.names[school])
            formTable.text(partnerships[school])
            // A date is all the research agreement needs; the exact time would help re-identify a respondent.
            formTable.day(dutchDays.day(of: forms.submittedAt[row]))
            formTable.text(instrument.subjectKind.rawValue)
            try formTable.endRow()

            for index in scores.indices where scores.isAsked(index) {
                try responses.row(formNumber, layout.itemIDs, index, scores[index])
            }

            guard let comments else { continue }
            for (question, text) in zip(instrument.openQuestions, forms.comments(row)) where !text.isEmpty {
                let shown = mask.mask(text)
                masked += shown.masked
                comments.integer(formNumber)
                comments.text(question.id)
                comments.text(question.area)
                comments.text(shown.text)
                try comments.endRow()
            }
        }
        seen.waves.formUnion(forms.waves.names.indices.lazy.filter { wavesSeen[$0] }.map { forms.waves.names[$0] })
        seen.schools.formUnion(forms.schools.names.indices.lazy.filter { schoolsSeen[$0] }.map { forms.schools.names[$0] })
    }

    /// The rows of `instrument`, made the first time a form uses it.
    /// - Throws: ``ResearchExportError/unknownInstrument(_:form:)`` when the configuration does not define it.
    private func rows(
        of instrument: InstrumentNumber, in forms: FormTable, row: Int, layouts: inout [InstrumentRows?],
        seen: inout SeenValues, responses: ResearchTableWriter
    ) throws -> InstrumentRows {
        if let known = layouts[Int(instrument.index)] { return known }
        let id = forms.instruments[instrument]
        guard let definition = instruments[id] else {
            throw ResearchExportError.unknownInstrument(id, form: forms.formID(row))
        }
        let layout = InstrumentRows(instrument: definition, itemIDs: responses.encode(texts: definition.items.map(\.id)))
        layouts[Int(instrument.index)] = layout
        seen.instruments.insert(definition.id)
        return layout
    }

    /// `items.csv`: every item of every configured instrument, by instrument id and then in form order.
    func writeItems(to table: ResearchTableWriter) throws {
        for instrument in instruments.values.sorted(by: { $0.id < $1.id }) {
            for (index, item) in instrument.items.enumerated() {
                table.text(instrument.id)
                table.text(item.id)
                table.integer(index + 1)
                table.text(item.area)
                table.text(item.text)
                table.text(item.mirrors)
                try table.endRow()
            }
        }
    }
}

/// An instrument with its item ids encoded for `responses.csv`, made once per instrument.
private struct InstrumentRows {
    var instrument: Instrument
    var itemIDs: ResearchTableWriter.EncodedTexts
}
