import Foundation
import Spiegel

extension SyntheticDataSet {
    /// What to generate: how many wpbs and waves, from which seed, sized how.
    package struct Parameters: Sendable, Equatable {
        /// The number of wpbs (the subjects of the wpb instruments).
        package var subjects: Int
        /// The number of waves, two per school year (najaar, voorjaar), the last ending 31 July 2026
        /// unless ``firstSchoolYear`` says otherwise.
        package var waves: Int
        package var seed: UInt64
        /// Wpbs per school, in school order; `nil` draws sizes from ``schoolSizeRange``.
        /// When given, the sizes must add up to ``subjects``.
        package var schoolSizes: [Int]?
        /// Schools per partnership; `nil` draws sizes from ``partnershipSizeRange``.
        /// When given, the sizes must add up to the number of schools.
        package var partnershipSizes: [Int]?
        package var schoolSizeRange: ClosedRange<Int> = 3...40
        package var partnershipSizeRange: ClosedRange<Int> = 5...60
        /// The school year of the first wave (`2025` for 2025–2026); `nil` ends the last wave in 2026.
        package var firstSchoolYear: Int?
        /// Chance that a form is submitted a second time later in the wave (a duplicate).
        package var duplicateRate: Double = 0.004
        /// Whether each export gets the defects of real exports (blank row, unknown school,
        /// out-of-range answer, a free-text answer with `;`, quotes and a line break, a duplicate).
        package var includeDefects = true
        /// Instrument files to copy to `Data/instruments/` of the output, so the output is a
        /// self-contained job; when empty, `Pipeline.yml` points at ``instrumentsPattern`` instead.
        package var instrumentFiles: [URL] = []
        /// The `instruments:` entry of `Pipeline.yml` when no files are copied.
        package var instrumentsPattern = "Data/instruments/*.yml"

        package init(subjects: Int, waves: Int, seed: UInt64) {
            self.subjects = subjects
            self.waves = waves
            self.seed = seed
        }

        /// The sample shipped in the repository: one partnership of six schools and 60 wpbs, one
        /// school with only two wpbs (so small-group suppression shows), two waves of 2025–2026.
        package static var sample: Parameters {
            var parameters = Parameters(subjects: 60, waves: 2, seed: 20_251_001)
            parameters.schoolSizes = [14, 12, 11, 12, 9, 2]
            parameters.partnershipSizes = [6]
            parameters.firstSchoolYear = 2025
            return parameters
        }

        /// Checks the ranges; throws ``GenerateError/invalidParameter(_:)`` naming the problem.
        package func validate() throws {
            guard subjects >= 1 else { throw GenerateError.invalidParameter("subjects must be at least 1, got \(subjects)") }
            guard (1...200).contains(waves) else {
                throw GenerateError.invalidParameter("waves must be between 1 and 200, got \(waves)")
            }
            guard schoolSizeRange.lowerBound >= 1 else {
                throw GenerateError.invalidParameter("school sizes must be at least 1 wpb")
            }
            guard partnershipSizeRange.lowerBound >= 1 else {
                throw GenerateError.invalidParameter("partnership sizes must be at least 1 school")
            }
            guard (0...0.5).contains(duplicateRate) else {
                throw GenerateError.invalidParameter("duplicate rate must be between 0 and 0.5, got \(duplicateRate)")
            }
            if let schoolSizes {
                guard schoolSizes.allSatisfy({ $0 >= 1 }), schoolSizes.reduce(0, +) == subjects else {
                    throw GenerateError.invalidParameter(
                        "school sizes must be positive and add up to the \(subjects) subjects, got \(schoolSizes)")
                }
                guard schoolSizes.count <= 98 * 26 * 26 else {
                    throw GenerateError.invalidParameter("at most \(98 * 26 * 26) schools have distinct BRIN-like ids")
                }
            }
            if let partnershipSizes, let schoolSizes {
                guard partnershipSizes.allSatisfy({ $0 >= 1 }), partnershipSizes.reduce(0, +) == schoolSizes.count else {
                    throw GenerateError.invalidParameter(
                        "partnership sizes must be positive and add up to the \(schoolSizes.count) schools, got \(partnershipSizes)"
                    )
                }
            }
            guard subjects <= 98 * 26 * 26 * schoolSizeRange.upperBound else {
                throw GenerateError.invalidParameter("too many subjects for distinct school ids: \(subjects)")
            }
        }
    }
}
