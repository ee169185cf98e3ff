import Foundation

extension ResearchSchema {
    /// `codebook.csv`: one row per column of every table, the codebook's own columns included.
    func writeCodebook(to table: ResearchTableWriter) throws {
        for described in tables {
            for field in described.fields {
                table.text(described.file)
                table.text(field.name)
                table.text(field.type.rawValue)
                table.text(field.unit)
                table.text(field.allowed.summary)
                table.text(field.meaningNL)
                table.text(field.meaningEN)
                try table.endRow()
            }
        }
    }
}

extension ResearchSchema.AllowedValues {
    /// A one-line reading for the codebook, e.g. `onderschatting < in_overeenstemming < overschatting`.
    var summary: String {
        switch self {
        case .any:
            ""
        case let .pattern(_, explanation):
            explanation
        case let .values(values):
            values.joined(separator: " | ")
        case let .orderedValues(values):
            values.joined(separator: " < ")
        case let .scale(minimum, maximum, labels):
            labels.isEmpty
                ? "\(minimum) … \(maximum)"
                : stride(from: minimum, through: maximum, by: 1).map { point in
                    labels[point].map { "\(point) = \($0)" } ?? "\(point)"
                }
                .joined(separator: " < ")
        case let .codes(codes):
            codes.map { "\($0.value) = \($0.label)" }.joined(separator: " < ")
        case let .range(minimum, maximum):
            "\(Self.plain(minimum)) … \(Self.plain(maximum))"
        case .count:
            "0, 1, 2, …"
        case .positive:
            "1, 2, 3, …"
        }
    }

    /// `6` rather than `6.0`.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
