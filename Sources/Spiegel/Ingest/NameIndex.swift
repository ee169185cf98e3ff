/// A number that stands for a name in a ``NameIndex``: small typed wrappers, so a school number cannot be
/// passed where a wave number is meant.
package protocol NameNumber: Hashable, Sendable {
    init(index: Int32)
    /// The position in the index's names, from 0.
    var index: Int32 { get }
}

/// An instrument's id as a number of a ``FormTable``.
package struct InstrumentNumber: NameNumber {
    package let index: Int32
    package init(index: Int32) { self.index = index }
}

/// A wave's id as a number of a ``FormTable``.
package struct WaveNumber: NameNumber {
    package let index: Int32
    package init(index: Int32) { self.index = index }
}

/// A school's registry id as a number of a ``FormTable``.
package struct SchoolNumber: NameNumber {
    package let index: Int32
    package init(index: Int32) { self.index = index }
}

/// Names numbered in order of first appearance, so later stages compare and look up integers instead of
/// hashing the same Strings a million times.
package struct NameIndex<Number: NameNumber>: Sendable {
    /// The names by number.
    package private(set) var names: [String] = []
    private var numbers: [String: Number] = [:]

    package init() {}

    package var count: Int { names.count }

    /// The number of `name`, given it the first time it is seen.
    package mutating func id(of name: String) -> Number {
        if let known = numbers[name] { return known }
        let id = Number(index: Int32(names.count))
        names.append(name)
        numbers[name] = id
        return id
    }

    /// The number of `name` if it was seen.
    package func existingID(of name: String) -> Number? { numbers[name] }

    package subscript(id: Number) -> String { names[Int(id.index)] }
}
