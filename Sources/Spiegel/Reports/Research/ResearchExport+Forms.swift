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
    /// With `people` (parallel to `forms`), pseudonyms are looked up by the ingest's person numbers.
    func writeFormRows<Forms: Sequence<Form>>(
        _ forms: Forms, people: PersonColumns?, to formTable: ResearchTableWriter,
        responses: ResearchTableWriter, comments: ResearchTableWriter?,
        seen: inout SeenValues, pseudonyms: inout PseudonymTable, masked: inout Int
    ) throws {
        var layouts = [String: InstrumentRows]()
        // Exports hold one instrument each, so consecutive forms nearly always share it.
        var current: InstrumentRows?
        // Likewise wave and school: remembered so the sets and the registry are consulted only when they change.
        var lastWave: String?
        var lastSchool: String?
        var partnership: String?
        var formNumber = 0
        let mask = FreeTextMask()
        var position = -1
        for form in forms {
            position += 1
            if current?.instrument.id != form.instrument {
                if let known = layouts[form.instrument] {
                    current = known
                } else {
                    guard let instrument = instruments[form.instrument] else {
                        throw ResearchExportError.unknownInstrument(form.instrument, form: form.id)
                    }
                    let layout = InstrumentRows(
                        instrument: instrument,
                        itemIDs: responses.encode(texts: instrument.items.map(\.id)))
                    layouts[form.instrument] = layout
                    seen.instruments.insert(instrument.id)
                    current = layout
                }
            }
            guard let layout = current else { continue }
            let instrument = layout.instrument
            guard form.scores.count == instrument.items.count else {
                throw ResearchExportError.itemCountMismatch(
                    form: form.id, instrument: instrument.id,
                    scores: form.scores.count, items: instrument.items.count)
            }
            formNumber += 1
            if form.wave != lastWave {
                seen.waves.insert(form.wave)
                lastWave = form.wave
            }
            if form.school != lastSchool {
                seen.schools.insert(form.school)
                partnership = registry.school(form.school)?.partnership
                lastSchool = form.school
            }

            formTable.integer(formNumber)
            formTable.text(form.id)
            formTable.text(instrument.id)
            formTable.text(form.wave)
            formTable.text(form.role.rawValue)
            if let people, position < people.respondents.count {
                formTable.text(pseudonyms.pseudonym(of: people.respondents[position]))
                formTable.text(pseudonyms.pseudonym(of: people.subjects[position]))
            } else {
                formTable.text(pseudonyms[form.respondent])
                formTable.text(pseudonyms[form.subject])
            }
            formTable.text(form.school)
            formTable.text(partnership)
            // A date is all the research agreement needs; the exact time would help re-identify a respondent.
            formTable.day(Day(dutchDayOf: form.submittedAt))
            formTable.text(instrument.subjectKind.rawValue)
            try formTable.endRow()

            let scores = form.scores
            for index in scores.indices where scores.isAsked(index) {
                try responses.row(formNumber, layout.itemIDs, index, scores[index])
            }

            guard let comments else { continue }
            for (question, text) in zip(instrument.openQuestions, form.comments) where !text.isEmpty {
                let shown = mask.mask(text)
                masked += shown.masked
                comments.integer(formNumber)
                comments.text(question.id)
                comments.text(question.area)
                comments.text(shown.text)
                try comments.endRow()
            }
        }
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
