import Foundation
import Spiegel

/// The fictional people and schools behind a synthetic data set: partnerships, schools with their
/// wpbs, schoolopleiders and training teams, and the instituutsopleiders of each partnership.
///
/// Built once from the seed; it holds only the registry (O(wpbs)), never forms.
struct SyntheticPopulation: Sendable {
    struct Person: Sendable {
        var email: String
        var name: String
    }

    struct PartnershipEntry: Sendable {
        var id: String
        var name: String
        var schools: Range<Int>
        /// Institute-based teacher educators; each visits a few of the partnership's schools.
        var instituteOpleiders: [Person]
        /// The mail domain of the partnership's students.
        var studentDomain: String
    }

    struct SchoolEntry: Sendable {
        var id: String
        var name: String
        var partnership: Int
        /// Indices into ``SyntheticPopulation/supervisors``.
        var supervisors: Range<Int>
        var schoolopleiders: [Person]
        /// Who fills in the training-school scan for the school: its schoolopleider and its
        /// coordinator of the training school.
        var team: [Person]
    }

    var partnerships: [PartnershipEntry] = []
    var schools: [SchoolEntry] = []
    var supervisors: [Person] = []
    /// The school of each supervisor (index into ``schools``).
    var supervisorSchool: [Int32] = []

    /// A school id that is certainly not in the registry (ids here start with 01–98).
    static let unknownSchoolID = "99ZZ"

    init(parameters: SyntheticDataSet.Parameters) throws {
        var draws = Draws(rng: SeededGenerator(seed: parameters.seed, 1))
        let schoolSizes =
            parameters.schoolSizes
            ?? Self.split(parameters.subjects, range: parameters.schoolSizeRange, rng: &draws.rng)
        let partnershipSizes =
            parameters.partnershipSizes
            ?? Self.split(schoolSizes.count, range: parameters.partnershipSizeRange, rng: &draws.rng)
        guard partnershipSizes.allSatisfy({ $0 >= 1 }), partnershipSizes.reduce(0, +) == schoolSizes.count else {
            throw GenerateError.invalidParameter(
                "partnership sizes must add up to the \(schoolSizes.count) schools, got \(partnershipSizes)")
        }
        var schoolIndex = 0
        for (p, size) in partnershipSizes.enumerated() {
            let name = draws.partnershipName()
            let institute = draws.rng.pick(SyntheticNames.instituteNames)
            let instituteDomain = SyntheticNames.asciiSlug(institute) + ".example"
            let opleiders = (0..<max(1, size / 5)).map { _ in draws.person(domain: instituteDomain) }
            partnerships.append(
                PartnershipEntry(
                    id: String(format: "P%02d", p + 1), name: name,
                    schools: schoolIndex..<(schoolIndex + size), instituteOpleiders: opleiders,
                    studentDomain: "student." + instituteDomain))
            for _ in 0..<size {
                addSchool(partnership: p, supervisors: schoolSizes[schoolIndex], draws: &draws)
                schoolIndex += 1
            }
        }
    }

    /// A school of `partnership` with its wpbs, schoolopleiders (one per fifteen wpbs) and coordinator.
    private mutating func addSchool(partnership: Int, supervisors wpbCount: Int, draws: inout Draws) {
        let id = draws.schoolID()
        let (name, proper) = draws.schoolName(id: id)
        let domain = SyntheticNames.asciiSlug(proper) + "-" + id.lowercased() + ".example"
        let first = supervisors.count
        for _ in 0..<wpbCount {
            supervisors.append(draws.person(domain: domain))
            supervisorSchool.append(Int32(schools.count))
        }
        let schoolopleiders = (0..<max(1, (wpbCount + 14) / 15)).map { _ in draws.person(domain: domain) }
        let coordinator = draws.person(domain: domain)
        schools.append(
            SchoolEntry(
                id: id, name: name, partnership: partnership, supervisors: first..<supervisors.count,
                schoolopleiders: schoolopleiders, team: [schoolopleiders[0], coordinator]))
    }

    /// The seeded draws of names, ids and mailboxes, each unique within the population.
    private struct Draws {
        var rng: SeededGenerator
        private var usedMailboxes = Set<String>()
        private var usedSchoolIDs = Set<String>()
        private var usedSchoolNames = Set<String>()
        private var usedPartnershipNames = Set<String>()

        init(rng: SeededGenerator) {
            self.rng = rng
        }

        mutating func person(domain: String) -> Person {
            let first = rng.pick(SyntheticNames.firstNames), last = rng.pick(SyntheticNames.lastNames)
            let base = SyntheticNames.mailbox(first: first, last: last)
            var email = "\(base)@\(domain)"
            var counter = 2
            while !usedMailboxes.insert(email).inserted {
                email = "\(base)\(counter)@\(domain)"
                counter += 1
            }
            return Person(email: email, name: "\(first) \(last)")
        }

        mutating func partnershipName() -> String {
            let baseName = "Partnerschap Samen Opleiden " + rng.pick(SyntheticNames.regions)
            var name = baseName
            var suffix = 2
            while !usedPartnershipNames.insert(name).inserted {
                name = "\(baseName) \(suffix)"
                suffix += 1
            }
            return name
        }

        /// A school id shaped like a BRIN code: two digits (01–98) and two letters.
        mutating func schoolID() -> String {
            var id: String
            repeat {
                let digits = rng.int(in: 1...98)
                let letters = [rng.int(in: 0...25), rng.int(in: 0...25)].map { Character(UnicodeScalar(UInt8(65 + $0))) }
                id = String(format: "%02d", digits) + String(letters)
            } while !usedSchoolIDs.insert(id).inserted
            return id
        }

        /// A school's name and the proper name in it (for its mail domain); a repeated name gets the id added.
        mutating func schoolName(id: String) -> (name: String, proper: String) {
            let kind = rng.pick(SyntheticNames.schoolKinds)
            let proper = rng.pick(SyntheticNames.schoolNames)
            var name = kind == "Het" ? "\(proper) College" : "\(kind) \(proper)"
            if !usedSchoolNames.insert(name).inserted {
                name += " (\(id))"
                usedSchoolNames.insert(name)
            }
            return (name, proper)
        }
    }

    /// Splits `total` into parts drawn from `range`; a remainder too small for a part of its own
    /// joins the last part (split in two if that makes it too large).
    static func split(_ total: Int, range: ClosedRange<Int>, rng: inout SeededGenerator) -> [Int] {
        guard total > range.lowerBound else { return [total] }
        var parts: [Int] = []
        var remaining = total
        while remaining > 0 {
            var size = min(rng.int(in: range), remaining)
            if remaining - size < range.lowerBound { size = remaining }
            if size > range.upperBound {
                parts.append(size / 2)
                parts.append(size - size / 2)
            } else {
                parts.append(size)
            }
            remaining -= size
        }
        return parts
    }
}
