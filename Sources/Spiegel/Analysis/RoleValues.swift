/// One optional value per ``Role``, stored inline: no heap allocation, unlike a `[Role: Value]` dictionary.
///
/// A national run holds over a million ``SubjectScore``s with three of these each, so their storage
/// decides much of the analysis's memory and time. ``present`` lists the values in role order
/// (``Role/allCases``), which keeps sums over roles independent of hashing.
struct RoleValues<Value: Sendable & Equatable & AdditiveArithmetic>: Sendable, Equatable {
    /// One slot per role, at ``Role/position``; the tuple is declared with the roles (``Role/Slots``).
    private var values: Role.Slots<Value> = Role.emptySlots()
    /// Bit *i* set: the role at position *i* of ``Role/allCases`` has a value.
    private var mask: UInt8 = 0

    init() {}

    init(_ dictionary: [Role: Value]) {
        for (role, value) in dictionary { self[role] = value }
    }

    subscript(role: Role) -> Value? {
        get {
            let bit = Self.bit(role)
            guard mask & bit != 0 else { return nil }
            let position = Self.slot(role)
            return withUnsafePointer(to: values) {
                $0.withMemoryRebound(to: Value.self, capacity: Self.slotCount) { $0[position] }
            }
        }
        set {
            let bit = Self.bit(role)
            let stored = newValue ?? .zero
            mask = newValue == nil ? mask & ~bit : mask | bit
            let position = Self.slot(role)
            withUnsafeMutablePointer(to: &values) {
                $0.withMemoryRebound(to: Value.self, capacity: Self.slotCount) { $0[position] = stored }
            }
        }
    }

    /// Whether no role has a value.
    var isEmpty: Bool { mask == 0 }

    /// The roles with a value and their values, in role order.
    var present: [(role: Role, value: Value)] {
        Role.allCases.compactMap { role in self[role].map { (role, $0) } }
    }

    /// The same values as a dictionary.
    var dictionary: [Role: Value] {
        var result: [Role: Value] = [:]
        for role in Role.allCases { if let value = self[role] { result[role] = value } }
        return result
    }

    static func == (a: RoleValues, b: RoleValues) -> Bool {
        Role.allCases.allSatisfy { a[$0] == b[$0] }
    }

    private static func bit(_ role: Role) -> UInt8 { 1 << role.position }

    /// How many values ``Role/Slots`` holds: a homogeneous tuple is laid out like an array of them.
    private static var slotCount: Int { MemoryLayout<Role.Slots<Value>>.size / MemoryLayout<Value>.stride }

    /// A role's slot; stops the job when ``Role/Slots`` has no slot for it (a role added without one).
    private static func slot(_ role: Role) -> Int {
        precondition(role.position < slotCount, "Role.Slots has no slot for role \(role.rawValue)")
        return role.position
    }
}
