/// A respondent's or subject's identifier as a small integer: its number in the run's ``PersonDirectory``.
struct PersonID: NameNumber {
    let index: Int32
    init(index: Int32) { self.index = index }
}

/// Every respondent and subject identifier of a run, numbered once by ingest in order of first appearance, so
/// later stages (duplicates, pseudonyms) look a person up by integer instead of hashing their address again.
typealias PersonDirectory = NameIndex<PersonID>
