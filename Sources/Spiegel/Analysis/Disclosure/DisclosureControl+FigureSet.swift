extension DisclosureControl {
    /// The figures of one row, change, item set or scan condition, by name: a handful (six for a row, two for a
    /// change), kept in a small array searched in order.
    ///
    /// A ten-year night holds a million of them; as dictionaries each was a hash table of its own and every
    /// lookup hashed its name. Names are short (`self`, `change_feedback`, `Z07/self`), so a scan of a few
    /// compares beats a hash. Which order the names are in means nothing: whoever needs an order sorts them.
    struct FigureSet: Sequence, ExpressibleByDictionaryLiteral {
        private var names: [String] = []
        private var figures: [Figure] = []

        init(dictionaryLiteral elements: (String, Figure)...) {
            for (name, figure) in elements { self[name] = figure }
        }

        /// The figure called `name`; setting `nil` removes it.
        subscript(name: String) -> Figure? {
            get { names.firstIndex(of: name).map { figures[$0] } }
            set {
                if let index = names.firstIndex(of: name) {
                    if let newValue {
                        figures[index] = newValue
                    } else {
                        names.remove(at: index)
                        figures.remove(at: index)
                    }
                } else if let newValue {
                    names.append(name)
                    figures.append(newValue)
                }
            }
        }

        var keys: [String] { names }
        var count: Int { names.count }

        func mapValues(_ transform: (Figure) throws -> Figure) rethrows -> FigureSet {
            var mapped = self
            mapped.figures = try figures.map(transform)
            return mapped
        }

        /// The figures with their names, sorted by name (the order a ledger release lists them in).
        func sortedByName() -> [(name: String, figure: Figure)] {
            zip(names, figures).sorted { $0.0 < $1.0 }.map { (name: $0.0, figure: $0.1) }
        }

        func makeIterator() -> Zip2Sequence<[String], [Figure]>.Iterator { zip(names, figures).makeIterator() }
    }
}
