import Spiegel
extension SyntheticDataSet {
    /// What ``SyntheticDataSet/write(to:)`` wrote: sizes, and per export the rows and the defects
    /// planted in it, so tests and benchmarks know what to expect without reading the files.
    public struct Summary: Sendable {
        public var partnerships: Int
        public var schools: Int
        public var supervisors: Int
        public var waves: [Wave]
        public var files: [ExportFile]

        /// Non-blank data records over all exports, duplicates and defective rows included.
        public var forms: Int { files.reduce(0) { $0 + $1.forms } }
        public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    }

    /// One written export and what is in it.
    public struct ExportFile: Sendable, Equatable {
        /// Relative to the output folder, e.g. `Data/exports/zelfscan-wpb-msforms-2025-2026-najaar.csv`.
        public var path: String
        public var source: String
        public var instrument: String
        public var role: Role
        public var style: ExportStyle
        public var wave: String
        /// Data records after the header, blank rows included.
        public var records = 0
        /// Records that are not blank: regular forms, re-submissions and defective forms.
        public var forms = 0
        /// Re-submissions of a form already in the file, later in time.
        public var duplicates = 0
        public var blankRows = 0
        /// Forms naming a school that is not in the registry.
        public var unknownSchoolRows = 0
        /// Forms with one answer outside the scale.
        public var outOfRangeAnswers = 0
        /// Answers given as "n.v.t." (or the scale's first *not answered* text).
        public var notApplicableAnswers = 0
        /// Items left empty.
        public var emptyAnswers = 0
        /// Free-text answers with `;`, `,`, quotes and a line break.
        public var trickyComments = 0
        public var bytes = 0
    }
}
