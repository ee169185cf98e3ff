/// A number that stands for a name in a ``NameIndex``: small typed wrappers, so a school number cannot be
/// passed where a wave number is meant.
protocol NameNumber: Hashable, Sendable {
    init(index: Int32)
    /// The position in the index's names, from 0.
    var index: Int32 { get }
}

/// An instrument's id as a number of a ``FormTable``.
struct InstrumentNumber: NameNumber {
    let index: Int32
    init(index: Int32) { self.index = index }
}

/// A wave's id as a number of a ``FormTable``.
struct WaveNumber: NameNumber {
    let index: Int32
    init(index: Int32) { self.index = index }
}

/// A school's registry id as a number of a ``FormTable``.
struct SchoolNumber: NameNumber {
    let index: Int32
    init(index: Int32) { self.index = index }
}

/// Names numbered in order of first appearance, so later stages compare and look up integers instead of
/// hashing the same Strings a million times.
struct NameIndex<Number: NameNumber>: Sendable {
    /// The names by number.
    private(set) var names: [String] = []
    private var numbers: [String: Number] = [:]

    init() {}

    var count: Int { names.count }

    /// The number of `name`, given it the first time it is seen.
    mutating func id(of name: String) -> Number {
        if let known = numbers[name] { return known }
        let id = Number(index: Int32(names.count))
        names.append(name)
        numbers[name] = id
        return id
    }

    /// The number of `name` if it was seen.
    func existingID(of name: String) -> Number? { numbers[name] }

    subscript(id: Number) -> String { names[Int(id.index)] }
}
