/// One optional value per ``Role``, stored inline: no heap allocation, unlike a `[Role: Value]` dictionary.
///
/// A national run holds over a million ``SubjectScore``s with three of these each, so their storage
/// decides much of the analysis's memory and time. ``present`` lists the values in role order
/// (``Role/allCases``), which keeps sums over roles independent of hashing.
struct RoleValues<Value: Sendable & Equatable & AdditiveArithmetic>: Sendable, Equatable {
    private var values: (Value, Value, Value, Value) = (.zero, .zero, .zero, .zero)
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
            switch role {
            case .selfAssessment: return values.0
            case .student: return values.1
            case .schoolopleider: return values.2
            case .instituutsopleider: return values.3
            }
        }
        set {
            let bit = Self.bit(role)
            let stored = newValue ?? .zero
            mask = newValue == nil ? mask & ~bit : mask | bit
            switch role {
            case .selfAssessment: values.0 = stored
            case .student: values.1 = stored
            case .schoolopleider: values.2 = stored
            case .instituutsopleider: values.3 = stored
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
}
