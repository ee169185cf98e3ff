import Spiegel

extension SyntheticDataSet {
    /// What ``SyntheticDataSet/write(to:)`` wrote: sizes, and per export the rows and the defects
    /// planted in it, so tests and benchmarks know what to expect without reading the files.
    package struct Summary: Sendable {
        package var partnerships: Int
        package var schools: Int
        package var supervisors: Int
        package var waves: [Wave]
        package var files: [ExportFile]

        /// Non-blank data records over all exports, duplicates and defective rows included.
        package var forms: Int { files.reduce(0) { $0 + $1.forms } }
        package var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    }

    /// One written export and what is in it.
    package struct ExportFile: Sendable, Equatable {
        /// Relative to the output folder, e.g. `Data/exports/zelfscan-wpb-msforms-2025-2026-najaar.csv`.
        package var path: String
        package var source: String
        package var instrument: String
        package var role: Role
        package var style: ExportStyle
        package var wave: String
        /// Data records after the header, blank rows included.
        package var records = 0
        /// Records that are not blank: regular forms, re-submissions and defective forms.
        package var forms = 0
        /// Re-submissions of a form already in the file, later in time.
        package var duplicates = 0
        package var blankRows = 0
        /// Forms naming a school that is not in the registry.
        package var unknownSchoolRows = 0
        /// Forms with one answer outside the scale.
        package var outOfRangeAnswers = 0
        /// Answers given as "n.v.t." (or the scale's first *not answered* text).
        package var notApplicableAnswers = 0
        /// Items left empty.
        package var emptyAnswers = 0
        /// Free-text answers with `;`, `,`, quotes and a line break.
        package var trickyComments = 0
        package var bytes = 0
    }
}
