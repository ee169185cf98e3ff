import Foundation

extension ResearchSchema {
    /// The SPSS syntax that reads `subject_wide.csv` with its variable labels, value labels and measurement levels.
    ///
    /// Run it with `INSERT FILE='…/research/subject_wide.sps' CD=YES.`: `CD=YES` makes the syntax file's folder the
    /// current one, so the relative `/FILE` finds the CSV next to it (docs/research-data.md, "Loading").
    func spssSyntax(table name: String, vocabulary v: Vocabulary) -> String? {
        guard let table = table(name) else { return nil }
        var lines = [
            "* Spiegel research data, format \(ResearchExport.formatVersion): \(table.file) with labels.",
            "* Run with: INSERT FILE='<folder>/\(table.name).sps' CD=YES.",
            "* Empty fields are system-missing.",
            "GET DATA",
            "  /TYPE=TXT",
            "  /FILE='\(table.file)'",
            "  /ENCODING='UTF8'",
            "  /ARRANGEMENT=DELIMITED",
            "  /DELCASE=LINE",
            "  /FIRSTCASE=2",
            "  /DELIMITERS=\",\"",
            "  /QUALIFIER='\"'",
            "  /VARIABLES=",
        ]
        lines += table.fields.map { "    \($0.name) \($0.spssInputFormat(v))" }
        lines.append(".")
        lines.append("DATASET NAME \(table.name).")
        lines.append("VARIABLE LABELS")
        lines += table.fields.enumerated().map { index, field in
            "  \(index == 0 ? "" : "/")\(field.name) \(Self.spssString(field.meaningNL, maximumBytes: 255))"
        }
        lines.append(".")
        var valueLabelLines = [String]()
        for field in table.fields {
            let labels = field.valueLabels(v)
            guard !labels.isEmpty else { continue }
            valueLabelLines.append("  \(valueLabelLines.isEmpty ? "" : "/")\(field.name)")
            for (value, label) in labels {
                let code: String = field.type == FieldType.string ? Self.spssString(value, maximumBytes: .max) : value
                valueLabelLines.append("    \(code) \(Self.spssString(label, maximumBytes: 120))")
            }
        }
        if !valueLabelLines.isEmpty {
            lines.append("VALUE LABELS")
            lines += valueLabelLines
            lines.append(".")
        }
        for level in ["NOMINAL", "ORDINAL", "SCALE"] {
            let names = table.fields.filter { $0.spssLevel == level }.map(\.name)
            guard !names.isEmpty else { continue }
            lines.append("VARIABLE LEVEL")
            lines += names.map { "  \($0)" }
            lines.append("  (\(level)).")
        }
        lines.append("EXECUTE.")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A quoted SPSS string, `'` doubled, cut at a character boundary to at most `maximumBytes` UTF-8 bytes.
    static func spssString(_ text: String, maximumBytes: Int) -> String {
        var kept = ""
        var bytes = 0
        for character in text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") {
            let length = String(character).utf8.count
            guard bytes + length <= maximumBytes else { break }
            kept.append(character)
            bytes += length
        }
        return "'" + kept.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension ResearchSchema.Field {
    /// The GET DATA input format: `A<bytes>` for text, `F<width>.<decimals>` for numbers.
    func spssInputFormat(_ v: ResearchSchema.Vocabulary) -> String {
        switch type {
        case .string:
            let widest: Int
            switch allowed {
            case let .values(values), let .orderedValues(values):
                widest = values.map(\.utf8.count).max() ?? 1
            case .pattern where name.hasSuffix("_pid"):
                widest = 2 + Pseudonymizer.length
            default:
                widest = 255
            }
            return "A\(max(widest, 1))"
        case .integer: return "F8.0"
        case .number: return "F12.6"
        case .boolean: return "A5"
        case .date: return "SDATE10"
        case .datetime: return "A20"
        }
    }

    /// Value → label, the value as the CSV holds it: codes and scale points, and the waves' names.
    func valueLabels(_ v: ResearchSchema.Vocabulary) -> [(value: String, label: String)] {
        switch allowed {
        case let .codes(codes):
            return codes.map { (String($0.value), $0.label) }
        case let .scale(minimum, maximum, labels):
            return (minimum...maximum).compactMap { point in labels[point].map { (String(point), $0) } }
        case let .values(values) where name == "wave":
            return values.compactMap { id in v.waveTitles[id].flatMap { $0 == id ? nil : (id, $0) } }
        default:
            return []
        }
    }

    /// SPSS's measurement level: numbers are scale, coded categories ordinal, the rest nominal.
    var spssLevel: String {
        switch (type, allowed) {
        case (_, .codes), (_, .scale), (_, .orderedValues): "ORDINAL"
        case (.number, _): "SCALE"
        case (.integer, _): "SCALE"
        default: "NOMINAL"
        }
    }
}
