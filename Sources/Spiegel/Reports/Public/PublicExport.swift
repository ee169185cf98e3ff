import Foundation

/// Writes `public/`, the release profile *public* (docs/analysis.md, "Release profiles"): the partnership
/// figures of the released view, nothing per school, as tidy CSV with a README, a codebook and a Frictionless
/// `datapackage.json`.
///
/// ```
/// public/
///   aggregates.csv   one row per partnership × wave × area: n, means of self, feedback, gap, student, SO; shares
///   changes.csv      one row per partnership × later wave × area: the change over the wpbs present in both
///   codebook.csv     every column of both files
///   datapackage.json Frictionless Data Package v1
///   README.md        which profile this is
/// ```
///
/// Every number is one ``DisclosureControl`` released; a withheld number is an empty field with its reason
/// code beside it. The partnership rows are exactly what every MT workbook shows as its benchmark, so these
/// tables add nothing to what any set of MT workbooks holds.
struct PublicExport: Sendable {
    var release: ReleasedView
    var settings: PipelineConfiguration.Analysis

    init(release: ReleasedView, settings: PipelineConfiguration.Analysis) {
        self.release = release
        self.settings = settings
    }

    /// The version of the public file format, in `datapackage.json`.
    static let formatVersion = "1.0.0"

    /// One column of a public table.
    struct Column {
        var name: String
        /// A Table Schema type: `string`, `integer`, `number`.
        var type: String
        var description: String
    }

    static let aggregateColumns: [Column] =
        [
            Column(name: "partnership_id", type: "string", description: "Partnership id from the registry"),
            Column(name: "wave", type: "string", description: "Wave (meetmoment) id"),
            Column(name: "area", type: "string", description: "Competency area id"),
            Column(name: "schools", type: "integer", description: "Schools whose wpbs the row covers (each with at least k)"),
            Column(
                name: "n", type: "integer",
                description:
                    "wpbs with both a self-scan and feedback: the population of self_mean, feedback_mean, gap_mean and the shares"
            ),
            Column(name: "self_mean", type: "number", description: "Mean self-scan area score"),
            Column(
                name: "feedback_mean", type: "number",
                description: "Mean feedback area score (mean of the feedback roles present per wpb)"),
            Column(name: "gap_mean", type: "number", description: "Mean gap (self − feedback)"),
            Column(
                name: "withheld", type: "string",
                description: "Why self_mean, feedback_mean and gap_mean are empty; empty when shown"
            ),
        ] + Role.splitRoles.flatMap(roleColumns) + [
            Column(name: "share_overschatting", type: "number", description: "Share of the n wpbs with gap ≥ T"),
            Column(name: "share_in_overeenstemming", type: "number", description: "Share of the n wpbs with |gap| < T"),
            Column(name: "share_onderschatting", type: "number", description: "Share of the n wpbs with gap ≤ −T"),
            Column(name: "shares_withheld", type: "string", description: "Why the shares are empty"),
        ]

    /// The columns of one split feedback role (``Role/splitRoles``): its population, mean and why it is withheld.
    static func roleColumns(_ role: Role) -> [Column] {
        let name = role.rawValue
        return [
            Column(name: "\(name)_n", type: "integer", description: "wpbs of the row with \(name) feedback"),
            Column(name: "\(name)_mean", type: "number", description: "Mean \(name) feedback score over \(name)_n"),
            Column(name: "\(name)_withheld", type: "string", description: "Why \(name)_mean is empty"),
        ]
    }

    static let changeColumns: [Column] = [
        Column(name: "partnership_id", type: "string", description: "Partnership id from the registry"),
        Column(name: "from_wave", type: "string", description: "The earlier wave"),
        Column(name: "to_wave", type: "string", description: "The later wave"),
        Column(name: "area", type: "string", description: "Competency area id"),
        Column(name: "schools", type: "integer", description: "Schools whose change the row covers"),
        Column(name: "n", type: "integer", description: "wpbs with self-scan and feedback in both waves at the same school"),
        Column(name: "change_self_mean", type: "number", description: "Mean of later − earlier self score"),
        Column(name: "change_feedback_mean", type: "number", description: "Mean of later − earlier feedback score"),
        Column(name: "withheld", type: "string", description: "Why the means are empty; empty when shown"),
    ]

    /// Writes the folder, which must not exist or be empty; returns the written paths relative to it, sorted.
    @discardableResult
    func write(to folder: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let partnershipRows = release.rows.filter { $0.level == .partnership }
        let aggregates = try CSVWriter(creatingFileAt: folder.appendingPathComponent("aggregates.csv"))
        try aggregates.writeHeader(Self.aggregateColumns.map(\.name))
        for row in partnershipRows {
            aggregates.writeText(row.unit)
            aggregates.writeText(row.wave)
            aggregates.writeText(row.area)
            aggregates.writeInteger(row.schools)
            aggregates.writeInteger(row.gap.withheld == nil ? row.n : nil)
            aggregates.writeNumber(row.selfScore.value)
            aggregates.writeNumber(row.feedback.value)
            aggregates.writeNumber(row.gap.value)
            aggregates.writeText(row.gap.withheld?.code)
            for role in Role.splitRoles {
                let cell = row.roles[role]
                aggregates.writeInteger(cell?.withheld == nil ? cell?.n : nil)
                aggregates.writeNumber(cell?.value)
                aggregates.writeText(cell?.withheld?.code)
            }
            for category in GapCategory.allCases { aggregates.writeNumber(row.shares[category]) }
            aggregates.writeText(row.shares.withheld?.code)
            try aggregates.endRow()
        }
        try aggregates.finish()

        let changes = try CSVWriter(creatingFileAt: folder.appendingPathComponent("changes.csv"))
        try changes.writeHeader(Self.changeColumns.map(\.name))
        for change in release.changes where change.level == .partnership {
            changes.writeText(change.unit)
            changes.writeText(change.fromWave)
            changes.writeText(change.toWave)
            changes.writeText(change.area)
            changes.writeInteger(change.schools)
            let withheld = change.selfChange.withheld ?? change.feedbackChange.withheld
            changes.writeInteger(withheld == nil ? change.selfChange.n : nil)
            changes.writeNumber(withheld == nil ? change.selfChange.value : nil)
            changes.writeNumber(withheld == nil ? change.feedbackChange.value : nil)
            changes.writeText(withheld?.code)
            try changes.endRow()
        }
        try changes.finish()

        let codebook = try CSVWriter(creatingFileAt: folder.appendingPathComponent("codebook.csv"))
        try codebook.writeHeader(["file", "column", "type", "description"])
        for (file, columns) in [("aggregates.csv", Self.aggregateColumns), ("changes.csv", Self.changeColumns)] {
            for column in columns {
                try codebook.writeRow([.text(file), .text(column.name), .text(column.type), .text(column.description)])
            }
        }
        try codebook.finish()

        try writeDataPackage(to: folder.appendingPathComponent("datapackage.json"))
        try ProfileReadme.text(for: .public, settings: settings)
            .write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        return ["README.md", "aggregates.csv", "changes.csv", "codebook.csv", "datapackage.json"]
    }

    private func writeDataPackage(to url: URL) throws {
        // Every code the disclosure layer can give, from its own list: a hand-kept copy here missed `audit`.
        let reasons = WithholdingReason.Code.allCases.map(\.rawValue)
        func resource(_ name: String, _ columns: [Column], key: [String]) -> [String: Any] {
            let fields = columns.map { column -> [String: Any] in
                var field: [String: Any] = ["name": column.name, "type": column.type, "description": column.description]
                if column.name.hasSuffix("withheld") { field["constraints"] = ["enum": reasons] }
                if column.type == "integer" { field["constraints"] = ["minimum": 0] }
                return field
            }
            return [
                "name": name, "path": name + ".csv", "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8",
                "dialect": ["delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true]
                    as [String: Any],
                "schema": ["fields": fields, "missingValues": [""], "primaryKey": key] as [String: Any],
            ]
        }
        let package: [String: Any] = [
            "profile": "tabular-data-package",
            "name": "spiegel-public-aggregates",
            "title": "Spiegel: groepscijfers werkplekbegeleiders — openbaar",
            "description": "Release profile public: partnership aggregates of self-scans and feedback on workplace "
                + "supervisors, differencing-safe (no combination of the numbers isolates fewer than "
                + "\(settings.minimumGroupSize) wpbs). No microdata; see README.md and codebook.csv.",
            "version": Self.formatVersion,
            "spiegel": [
                "release_profile": "public", "minimum_group_size": settings.minimumGroupSize,
                "gap_threshold": settings.gapThreshold,
            ] as [String: Any],
            "resources": [
                resource("aggregates", Self.aggregateColumns, key: ["partnership_id", "wave", "area"]),
                resource("changes", Self.changeColumns, key: ["partnership_id", "to_wave", "area"]),
            ],
        ]
        var data = try JSONSerialization.data(
            withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        try data.write(to: url, options: .atomic)
    }
}
