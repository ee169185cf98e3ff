import Foundation

/// The running state of every subject in every wave: one slot per (scope, wave, subject).
///
/// A national run has a few hundred thousand slots, so their sums live in flat arrays per scope
/// (role × area per slot) rather than in a dictionary of arrays per subject: adding a form is a
/// handful of indexed additions, and finishing walks contiguous memory.
struct SubjectStates: Sendable {
    private(set) var slots: [SubjectSlot] = []
    /// Per scope, in ``AnalysisScope/allCases`` order.
    var sums: [ScopeSums]
    private var index: [UInt64: Int32] = [:]

    init(areaCounts: [Int], mirrorCounts: [Int]) {
        sums = zip(areaCounts, mirrorCounts).map { ScopeSums(areaCount: $0, mirrorCount: $1) }
    }

    /// The slot of `subject` in `wave` and `scope`, created empty when new.
    mutating func slot(scope: Int, wave: Int32, subject: Int32) -> Int {
        // Ids are dense and far below 2³², so one 64-bit key hashes faster than a struct of three.
        let key = UInt64(scope) << 62 | UInt64(UInt32(bitPattern: wave)) << 32 | UInt64(UInt32(bitPattern: subject))
        if let found = index[key] { return Int(found) }
        let position = slots.count
        slots.append(SubjectSlot(scope: scope, wave: wave, subject: subject, base: sums[scope].appendSlot()))
        index[key] = Int32(position)
        return position
    }

    subscript(slot: Int) -> SubjectSlot {
        get { slots[slot] }
        set { slots[slot] = newValue }
    }

    /// A role's score in an area: the mean of its forms' area scores (docs/analysis.md §4); `nil` without one.
    func score(_ slot: SubjectSlot, role: Int, area: Int) -> Double? {
        let sums = sums[slot.scope]
        let at = sums.areaPosition(base: slot.base, role: role, area: area)
        let count = sums.areaCounts[at]
        return count > 0 ? sums.areaSums[at] / Double(count) : nil
    }

    /// How many forms of a role had a score in an area.
    func formCount(_ slot: SubjectSlot, role: Int, area: Int) -> Int {
        let sums = sums[slot.scope]
        return Int(sums.areaCounts[sums.areaPosition(base: slot.base, role: role, area: area)])
    }

    /// A role's score on a mirrored self item: the mean of its forms' scores on that item.
    func mirrorScore(_ slot: SubjectSlot, role: Int, selfItem: Int) -> Double? {
        let sums = sums[slot.scope]
        guard selfItem < sums.mirrorCount else { return nil }
        let at = sums.mirrorPosition(base: slot.base, role: role, selfItem: selfItem)
        let count = sums.mirrorCounts[at]
        return count > 0 ? sums.mirrorSums[at] / Double(count) : nil
    }
}

/// One subject in one wave: where it belongs and which roles sent forms. Its sums are in ``ScopeSums``.
struct SubjectSlot: Sendable {
    /// Position in ``AnalysisScope/allCases``.
    let scope: Int
    let wave: Int32
    let subject: Int32
    /// The slot's number within its scope's ``ScopeSums``.
    let base: Int
    /// The lowest school id (by name) on a self form, which places the subject when forms disagree; −1 for none.
    var selfSchool: Int32 = -1
    /// The lowest school id on any form, for subjects without a self form; −1 for none.
    var anySchool: Int32 = -1
    /// The earliest submission on any form, to place waves the configuration does not name.
    var earliestSubmission = Date.distantFuture
    /// Forms per role; a role without forms has no value.
    var formCounts = RoleValues<Int32>()

    /// The school the subject counts under in this wave: its own self form's, else the lowest seen.
    var school: Int32 { selfSchool >= 0 ? selfSchool : anySchool }

    mutating func countForm(_ role: Role) { formCounts[role] = (formCounts[role] ?? 0) + 1 }

    /// Whether any form of `role` arrived.
    func hasForm(_ role: Role) -> Bool { formCounts[role] != nil }
}

/// The sums of one scope's slots: per slot, role (``Role/allCases`` order) and area, the sum of the
/// forms' area scores and how many forms had one; the same per mirrored self item when item gaps are kept.
struct ScopeSums: Sendable {
    static let roleCount = Role.allCases.count
    let areaCount: Int
    /// Self items per slot and role; 0 when item gaps are not kept.
    let mirrorCount: Int
    var areaSums: [Double] = []
    var areaCounts: [Int32] = []
    var mirrorSums: [Double] = []
    var mirrorCounts: [Int32] = []
    private(set) var slotCount = 0

    init(areaCount: Int, mirrorCount: Int) {
        self.areaCount = areaCount
        self.mirrorCount = mirrorCount
    }

    /// Room for one more slot; returns its number.
    mutating func appendSlot() -> Int {
        areaSums.append(contentsOf: repeatElement(0, count: Self.roleCount * areaCount))
        areaCounts.append(contentsOf: repeatElement(0, count: Self.roleCount * areaCount))
        if mirrorCount > 0 {
            mirrorSums.append(contentsOf: repeatElement(0, count: Self.roleCount * mirrorCount))
            mirrorCounts.append(contentsOf: repeatElement(0, count: Self.roleCount * mirrorCount))
        }
        slotCount += 1
        return slotCount - 1
    }

    func areaPosition(base: Int, role: Int, area: Int) -> Int { (base * Self.roleCount + role) * areaCount + area }
    func mirrorPosition(base: Int, role: Int, selfItem: Int) -> Int { (base * Self.roleCount + role) * mirrorCount + selfItem }
}

/// What personal workbooks need of one subject, role and wave beyond the sums: item tallies and comments.
struct RoleDetail: Sendable {
    /// Per instrument id: item sums and answer counts.
    var itemTallies: [String: ItemTally] = [:]
    var comments: [PendingComment] = []
}

/// Sums of item scores over the forms of one role and instrument.
struct ItemTally: Sendable {
    var sums: [Int]
    var counts: [Int]

    init(itemCount: Int) {
        sums = Array(repeating: 0, count: itemCount)
        counts = Array(repeating: 0, count: itemCount)
    }
}

/// A free-text answer waiting to be ordered.
struct PendingComment: Sendable {
    var questionIndex: Int
    var question: String
    var text: String
    var submittedAt: Date
    var origin: RowOrigin
}
