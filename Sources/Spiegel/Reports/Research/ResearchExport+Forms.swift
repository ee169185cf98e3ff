import Foundation

extension ResearchExport {
    /// `responses.csv` (and `comments.csv`): one pass over the forms, one row per form × item.
    ///
    /// Unanswered items get a row with an empty score, so the file shows what each form asked, and
    /// "not answered" is never confused with "not asked".
    func writeResponses<Forms: Sequence<Form>>(_ forms: Forms, to responses: ResearchTableWriter,
                                               comments: ResearchTableWriter?, seen: inout SeenValues) throws {
        let partnershipOfSchool = Dictionary(registry.schools.map { ($0.id, $0.partnership) }, uniquingKeysWith: { first, _ in first })
        var pseudonyms = PseudonymCache(pseudonymizer: pseudonymizer)
        for form in forms {
            guard let instrument = instruments[form.instrument] else {
                throw ResearchExportError.unknownInstrument(form.instrument, form: form.id)
            }
            guard form.scores.count == instrument.items.count else {
                throw ResearchExportError.itemCountMismatch(form: form.id, instrument: instrument.id,
                                                            scores: form.scores.count, items: instrument.items.count)
            }
            seen.waves.insert(form.wave)
            seen.schools.insert(form.school)
            seen.instruments.insert(form.instrument)
            let formID = form.id
            let respondent = pseudonyms[form.respondent]
            let subject = pseudonyms[form.subject]
            let partnership = partnershipOfSchool[form.school]
            let scope = instrument.subjectKind.rawValue
            // The form's columns are the same on every item row: encode them once per form.
            let formColumns = responses.encode {
                responses.text(formID)
                responses.text(instrument.id)
                responses.text(form.wave)
                responses.text(form.role.rawValue)
                responses.text(respondent)
                responses.text(subject)
                responses.text(form.school)
                responses.text(partnership)
                responses.date(form.submittedAt)
            }
            for (index, item) in instrument.items.enumerated() {
                responses.fields(formColumns)
                responses.text(item.area)
                responses.text(item.id)
                responses.integer(form.scores[index])
                responses.text(scope)
                try responses.endRow()
            }
            guard let comments else { continue }
            for (question, text) in zip(instrument.openQuestions, form.comments) where !text.isEmpty {
                comments.text(formID)
                comments.text(instrument.id)
                comments.text(form.wave)
                comments.text(form.role.rawValue)
                comments.text(respondent)
                comments.text(subject)
                comments.text(form.school)
                comments.text(question.id)
                comments.text(question.area)
                comments.text(text)
                try comments.endRow()
            }
        }
    }
}

/// Remembers pseudonyms already computed: a million forms come from far fewer people.
///
/// Bounded, so memory follows the number of people at most, never the number of forms.
struct PseudonymCache {
    static let capacity = 100_000
    let pseudonymizer: Pseudonymizer
    private var known: [String: String] = [:]

    init(pseudonymizer: Pseudonymizer) {
        self.pseudonymizer = pseudonymizer
    }

    subscript(identifier: String) -> String {
        mutating get {
            if let pseudonym = known[identifier] { return pseudonym }
            let pseudonym = pseudonymizer.pseudonym(for: identifier)
            if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
            known[identifier] = pseudonym
            return pseudonym
        }
    }
}
