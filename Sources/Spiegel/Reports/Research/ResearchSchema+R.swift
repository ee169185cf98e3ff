import Foundation

extension ResearchSchema {
    /// `spiegel.R`: a base-R function `read_spiegel(folder)` that reads every table of the folder with its column
    /// types, categories as factors (ordered where the codebook orders them), variable labels (`attr(x, "label")`)
    /// and value labels (`attr(x, "labels")`, named like haven's), and stops with a clear message when a value is
    /// not in the codebook. Written from the schema, so it never disagrees with `datapackage.json`.
    func rScript(vocabulary v: Vocabulary) -> String {
        var lines = [
            "# Spiegel research data, format \(ResearchExport.formatVersion): reads every table of this folder with",
            "# types, factor levels, variable labels (attr \"label\") and value labels (attr \"labels\"). Base R only.",
            "#   source(\"research/spiegel.R\"); spiegel <- read_spiegel(\"research\"); str(spiegel$subject_wide)",
            "read_spiegel <- function(folder = \".\") {",
            "  read_table <- function(name, classes, dates, datetimes, levels, ordered, labels, value_labels) {",
            "    path <- file.path(folder, paste0(name, \".csv\"))",
            "    d <- utils::read.csv(path, colClasses = classes, na.strings = \"\", encoding = \"UTF-8\",",
            "                         check.names = FALSE, stringsAsFactors = FALSE)",
            "    for (column in dates) d[[column]] <- as.Date(d[[column]], format = \"%Y-%m-%d\")",
            "    for (column in datetimes) d[[column]] <- as.POSIXct(d[[column]], format = \"%Y-%m-%dT%H:%M:%SZ\", tz = \"UTC\")",
            "    for (column in names(levels)) {",
            "      unknown <- setdiff(unique(stats::na.omit(d[[column]])), levels[[column]])",
            "      if (length(unknown) > 0) stop(sprintf(\"%s, column %s: %s not in the codebook (was the file edited?)\",",
            "                                         path, column, paste(utils::head(unknown, 5), collapse = \", \")))",
            "      d[[column]] <- factor(d[[column]], levels = levels[[column]], ordered = column %in% ordered)",
            "    }",
            "    for (column in names(value_labels)) attr(d[[column]], \"labels\") <- value_labels[[column]]",
            "    for (column in names(labels)) attr(d[[column]], \"label\") <- labels[[column]]",
            "    d",
            "  }",
            "  tables <- list()",
        ]
        for table in tables {
            let condition = table.name == "comments" ? "  if (file.exists(file.path(folder, \"comments.csv\")))\n  " : "  "
            lines.append(condition + "tables[[\(Self.r(table.name))]] <- read_table(\(Self.r(table.name)),")
            lines.append("    classes = " + Self.rVector(table.fields.map { ($0.name, Self.r($0.rClass)) }) + ",")
            lines.append(
                "    dates = " + Self.rVector(table.fields.filter { $0.type == .date }.map { (nil, Self.r($0.name)) }) + ",")
            lines.append(
                "    datetimes = "
                    + Self.rVector(table.fields.filter { $0.type == .datetime }.map { (nil, Self.r($0.name)) }) + ",")
            let factors = table.fields.compactMap { field -> (String, [String])? in
                guard field.type == .string else { return nil }
                switch field.allowed {
                case let .values(values), let .orderedValues(values): return (field.name, values)
                default: return nil
                }
            }
            lines.append(
                "    levels = list("
                    + factors.map { name, values in
                        "\n      \(Self.rName(name)) = " + Self.rVector(values.map { (nil, Self.r($0)) })
                    }.joined(separator: ",") + "),")
            let ordered = table.fields.filter { if case .orderedValues = $0.allowed { true } else { false } }
            lines.append("    ordered = " + Self.rVector(ordered.map { (nil, Self.r($0.name)) }) + ",")
            lines.append(
                "    labels = list("
                    + table.fields.map { "\n      \(Self.rName($0.name)) = \(Self.r($0.meaningNL))" }
                    .joined(separator: ",") + "),")
            let valueLabels = table.fields.filter { $0.type == .integer }.compactMap { field -> String? in
                let labels = field.valueLabels(v)
                guard !labels.isEmpty else { return nil }
                return "\n      \(Self.rName(field.name)) = " + Self.rVector(labels.map { ($0.label, $0.value + "L") })
            }
            lines.append("    value_labels = list(" + valueLabels.joined(separator: ",") + "))")
        }
        lines.append("  tables")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An R string literal, ASCII only (`\u{…}` for the rest), so the script reads the same in any locale.
    static func r(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value >= 0x20 && scalar.value < 0x7F: out.unicodeScalars.append(scalar)
            default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return out + "\""
    }

    /// A name in `c(name = …)` or `list(name = …)`: backquoted unless it is a plain R name.
    static func rName(_ name: String) -> String {
        let plain =
            name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
            && !(name.utf8.first.map { $0 >= 48 && $0 <= 57 || $0 == 95 } ?? true)
        return plain ? name : r(name)
    }

    /// `c(a = x, b = y)` or `character(0)` when empty; unnamed elements have `nil` names.
    static func rVector(_ elements: [(name: String?, value: String)]) -> String {
        guard !elements.isEmpty else { return "character(0)" }
        return "c("
            + elements.map { element in element.name.map { rName($0) + " = " + element.value } ?? element.value }
            .joined(separator: ", ") + ")"
    }
}

extension ResearchSchema.Field {
    /// The `colClasses` entry: dates are read as text and converted after.
    var rClass: String {
        switch type {
        case .string, .date, .datetime: "character"
        case .integer: "integer"
        case .number: "numeric"
        case .boolean: "logical"
        }
    }
}
