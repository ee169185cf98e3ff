import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The role table (``Role/about``) drives every list of roles: the instruments as shipped agree with it, every split
/// feedback role heads its own columns in the research data, the public data, the reminders and the workbooks, and
/// no other role does.
@Suite("Role table")
struct RoleTableTests {
    static let instruments = ["zelfscan-wpb", "feedback-student", "feedback-schoolopleider", "scan-opleidingsschool"]

    /// The roles the shipped instruments declare, by the kind of subject they are about.
    static func shippedRoles(about kind: SubjectKind) throws -> Set<Role> {
        var roles: Set<Role> = []
        for id in instruments {
            let instrument = try ShippedInstrumentsTests.load(id)
            if instrument.subjectKind == kind { roles.formUnion(instrument.roles) }
        }
        return roles
    }

    @Test("the table's lists are the roles the shipped instruments declare")
    func listsMatchTheInstruments() throws {
        let aboutWpbs = try Self.shippedRoles(about: .supervisor)
        let aboutSchools = try Self.shippedRoles(about: .school)
        #expect(aboutWpbs == [.selfAssessment, .student, .schoolopleider], "the instrument data itself")
        #expect(Set(Role.supervisorRoles) == aboutWpbs)
        #expect(Set(Role.splitRoles) == aboutWpbs.filter(\.isFeedback))
        #expect(Set(Role.scanRoles) == aboutSchools)
        #expect(Role.allCases.filter(\.isFeedback) == [.student, .schoolopleider, .instituutsopleider])
        // Lists keep role order (``Role/allCases``), which fixes column order everywhere.
        for list in [Role.supervisorRoles, Role.splitRoles, Role.scanRoles] { #expect(list == list.sorted()) }
    }

    @Test("a role's per-role storage has a slot of its own")
    func everyRoleHasItsOwnSlot() {
        #expect(MemoryLayout<Role.Slots<Double>>.size == Role.allCases.count * MemoryLayout<Double>.stride)
        var values = RoleValues<Int>()
        for role in Role.allCases { values[role] = 10 + role.position }
        #expect(Role.allCases.map { values[$0] } == [10, 11, 12, 13])
        // Positive control: clearing one role leaves the others' values in place.
        values[.student] = nil
        #expect(Role.allCases.map { values[$0] } == [10, nil, 12, 13])
        #expect(values.present.map(\.role) == [.selfAssessment, .schoolopleider, .instituutsopleider])
    }

    @Test("measures: every role's score, the split roles' gaps, nothing for the others")
    func measures() {
        // The `measure` vocabulary of aggregates.csv as docs/research-data.md documents it.
        #expect(
            Measure.allCases.map(\.rawValue) == [
                "self", "student", "schoolopleider", "instituutsopleider", "feedback", "gap", "gap_student",
                "gap_schoolopleider", "change_self", "change_feedback",
            ])
        for role in Role.allCases {
            #expect(Measure.allCases.contains(.roleGap(role)) == role.hasSplitMeasure, "\(role)")
            #expect(Measure.roleGap(role).isGap && !Measure.role(role).isGap)
        }
    }

    @Test("the research, public and reminder files head a split role's columns, and only a split role's")
    func fileHeadings() throws {
        let folder = try TestSupport.temporaryFolder("role-table").appendingPathComponent("research")
        try ResearchFixture.export(key: ResearchFixture.keyText, options: .init())
            .write(ResearchFixture.result(), forms: ResearchFixture.forms(), to: folder)
        func header(_ file: String) throws -> [String] {
            try ResearchChecks.parseCSV(folder.appendingPathComponent(file)).first ?? []
        }
        let scores = try header("subject_scores.csv")
        let wide = try header("subject_wide.csv")
        let area = try #require(ResearchFixture.areas.first).id.replacingOccurrences(of: "-", with: "_")
        let publicColumns = PublicExport.aggregateColumns.map(\.name)
        for role in Role.allCases {
            let split = role.hasSplitMeasure
            #expect(scores.contains("gap_\(role.rawValue)") == split, "\(role)")
            #expect(scores.contains(role.rawValue) == role.about.ratesSupervisors, "\(role)")
            #expect(wide.contains("\(area)_gap_\(role.rawValue)") == split, "\(role)")
            #expect(publicColumns.contains("\(role.rawValue)_withheld") == split, "\(role)")
            #expect(ReminderList.columns.contains("\(role.about.fileKey)_missing") == role.about.ratesSupervisors)
        }
        // Positive control: the checks above see a column that is there.
        #expect(scores.contains("gap_student") && publicColumns.contains("schoolopleider_withheld"))
        #expect(
            ReminderList.columns.suffix(3) == [
                "self_scan_missing", "student_feedback_missing", "schoolopleider_feedback_missing",
            ])
    }

    @Test("the partnership and personal workbooks head a column per split role, labelled from the table")
    func workbookHeadings() throws {
        let fixture = WorkbookFixture.self
        let folder = try TestSupport.temporaryFolder("role-table-workbook")
        let url = folder.appendingPathComponent("partnership.xlsx")
        try PartnershipWorkbook(
            result: fixture.result, configuration: fixture.configuration, partnership: fixture.partnership,
            runInfo: fixture.runInfo, release: fixture.release
        ).write(to: url)
        let reader = try WorkbookReader(path: url)
        let headerRow = try #require(reader.rowContaining("Respons", ["Meetmoment", "Zelfscans"]))
        let headings = Array(reader.row("Respons", headerRow).sorted { $0.key < $1.key }.map(\.value))
        let expected = Role.splitRoles.map { "Feedback \($0.shortLabel)" }
        #expect(expected == ["Feedback student", "Feedback schoolopleider"])
        // The split roles' counts sit between the self-scans and the complete triads, in role order.
        let self_ = try #require(headings.firstIndex(of: "Zelfscans"))
        #expect(Array(headings[(self_ + 1)...].prefix(expected.count + 1)) == expected + ["Complete drietallen"])
        // Positive control: a role without its own figures has no column.
        #expect(!headings.contains("Feedback instituutsopleider"))
    }

    /// The disclosure step reads the split roles from the table: its implied groups and the auditor's feedback
    /// model work for any number of them (DisclosureStructureTests checks both with three).
    @Test("the disclosure step's split roles are the table's")
    func disclosureReadsTheSplitRoles() {
        #expect(DisclosureControl.splitRoles == Role.splitRoles)
        #expect(Role.splitRoles == Role.supervisorRoles.filter(\.isFeedback))
    }
}
