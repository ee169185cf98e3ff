import Foundation

extension ResearchSchema {
    /// Writes `datapackage.json`: a Frictionless (tabular) Data Package v1 with a Table Schema per CSV file.
    ///
    /// Validated constraints (`required`, `enum`, `minimum`, `maximum`, `pattern`) carry what
    /// `frictionless validate` checks; ordered categories (`categories`, `categoriesOrdered`, from Table Schema v2)
    /// tell R and pandas that Likert scores and gap categories are ordinal. Keys are sorted so identical inputs
    /// give an identical file.
    func writeDataPackage(to url: URL, settings: PipelineConfiguration.Analysis, keyFingerprint: String) throws {
        let package: [String: Any] = [
            "profile": "tabular-data-package",
            "name": "spiegel-research-data",
            "title": "Spiegel: zelfscans en feedback van werkplekbegeleiders — onderzoeksdata",
            "description": "Self-scans and feedback on workplace supervisors (werkplekbegeleiders) in teacher-education "
                + "partnerships, with pseudonyms instead of names. Restricted: for researchers under a data agreement. "
                + "Small-group suppression does not apply to the microdata (forms, responses, subject_scores). "
                + "See codebook.csv for every column in Dutch and English.",
            "version": ResearchExport.formatVersion,
            "spiegel": [
                "format_version": ResearchExport.formatVersion,
                "gap_threshold": settings.gapThreshold,
                "gap_rule": "gap >= T: overschatting; gap <= -T: onderschatting; otherwise in_overeenstemming",
                "minimum_group_size": settings.minimumGroupSize,
                "suppression_rule": "aggregates over fewer than minimum_group_size subjects carry no numbers",
                "release_profile": "research (restricted): pseudonymous microdata under a data agreement; "
                    + "suppression does not apply to microdata (forms, responses, subject_scores); submission dates only; "
                    + "free text only on request, with e-mail addresses and phone numbers masked",
                "pseudonyms": "p- + the first 80 bits, base32, of HMAC-SHA256(key, trimmed lowercased identifier); "
                    + "equal key_fingerprint means comparable pseudonyms",
                "key_fingerprint": keyFingerprint,
            ] as [String: Any],
            "resources": tables.map(\.resourceDescriptor),
        ]
        do {
            var data = try JSONSerialization.data(
                withJSONObject: package,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            data.append(0x0A)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ResearchExportError.cannotWriteDataPackage(url.path, reason: error.localizedDescription)
        }
    }
}

extension ResearchSchema.Table {
    var resourceDescriptor: [String: Any] {
        var schema: [String: Any] = [
            "fields": fields.map(\.descriptor),
            "missingValues": [""],
        ]
        if !primaryKey.isEmpty { schema["primaryKey"] = primaryKey }
        if !foreignKeys.isEmpty {
            schema["foreignKeys"] = foreignKeys.map { key -> [String: Any] in
                ["fields": key.fields, "reference": ["resource": key.table, "fields": key.referencedFields] as [String: Any]]
            }
        }
        return [
            "name": name,
            "path": file,
            "profile": "tabular-data-resource",
            "title": descriptionNL,
            "description": descriptionEN,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": [
                "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true,
            ] as [String: Any],
            "schema": schema,
        ]
    }
}

extension ResearchSchema.Field {
    var descriptor: [String: Any] {
        var descriptor: [String: Any] = [
            "name": name,
            "type": type.rawValue,
            "format": "default",
            "title": meaningNL,
            "description": meaningEN,
        ]
        if !unit.isEmpty { descriptor["unit"] = unit }
        var constraints: [String: Any] = ["required": required]
        switch allowed {
        case .any:
            break
        case let .pattern(pattern, _):
            constraints["pattern"] = pattern
        case let .values(values):
            // Booleans are checked by their type; an empty list would forbid everything.
            if type == .string && !values.isEmpty { constraints["enum"] = values }
        case let .orderedValues(values):
            if !values.isEmpty {
                constraints["enum"] = values
                descriptor["categories"] = values
                descriptor["categoriesOrdered"] = true
            }
        case let .scale(minimum, maximum, labels):
            constraints["minimum"] = minimum
            constraints["maximum"] = maximum
            descriptor["categories"] = stride(from: minimum, through: maximum, by: 1).map { point -> Any in
                guard let label = labels[point] else { return point }
                return ["value": point, "label": label] as [String: Any]
            }
            descriptor["categoriesOrdered"] = true
        case let .codes(codes):
            constraints["enum"] = codes.map(\.value)
            descriptor["categories"] = codes.map { ["value": $0.value, "label": $0.label] as [String: Any] }
            descriptor["categoriesOrdered"] = true
        case let .range(minimum, maximum):
            constraints["minimum"] = minimum
            constraints["maximum"] = maximum
        case .count:
            constraints["minimum"] = 0
        case .positive:
            constraints["minimum"] = 1
        }
        descriptor["constraints"] = constraints
        return descriptor
    }
}
