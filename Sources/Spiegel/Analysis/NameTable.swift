/// Interned Strings: each distinct name gets a dense integer id, so the analysis hashes and compares
/// integers where it would otherwise hash and compare e-mail addresses a million times.
struct NameTable: Sendable {
    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    /// The id of `name`, added when new.
    mutating func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// The id of `name` when it was added.
    func existingID(_ name: String) -> Int32? { ids[name] }

    subscript(id: Int32) -> String { names[Int(id)] }

    var count: Int { names.count }

    /// Per id: its name's position among all names in String order, so sorting by rank sorts by name.
    func ranks() -> [Int32] {
        let order = names.indices.sorted { names[$0] < names[$1] }
        var ranks = [Int32](repeating: 0, count: names.count)
        for (rank, id) in order.enumerated() { ranks[id] = Int32(rank) }
        return ranks
    }
}
