/// A reason to distrust a whole night: a source or a school lost, not a row or two needing action.
///
/// An alarm ends the run with ``ExitStatus/alarm``; unless `night.publish_on_alarm` is set the run is kept under
/// `runs/` without switching `latest`, so MTs and the public keep the last trusted night (docs/operations.md,
/// "Alarms"). Each alarm names the file or school and the likely cause in one line, and puts the data it
/// concerns under review (``DataReview``), so a workbook made from that run never counts the missing forms as zero.
struct NightAlarm: Equatable {
    enum Kind: String, Equatable {
        /// A file whose rows needing action exceed the configured share of its rows.
        case rowsLost = "rows-lost"
        /// A source with far fewer rows than in the run `latest` names.
        case sourceShrank = "source-shrank"
        /// Rows naming a school the registry does not know, or wpbs on no roster of a known school.
        case unknownSchool = "unknown-school"
        /// A school with forms last wave and none at all this wave, while the other schools' forms have arrived.
        case schoolLost = "school-lost"
    }

    var kind: Kind
    /// One line naming the file or school, what was lost and the likely cause.
    var message: String
    /// The data this alarm puts under review.
    var review: [DataReview.Entry]

    /// Rows lost below this count never raise the alarm, whatever their share: a file of three rows with one typo
    /// is a row needing action, not a lost source.
    static let minimumRows = 5
    /// The share of last wave's forms the other schools must already have sent before a school without forms
    /// counts as lost, so the first days of a wave raise no alarm.
    static let peerShareForLostSchool = 0.5
}
