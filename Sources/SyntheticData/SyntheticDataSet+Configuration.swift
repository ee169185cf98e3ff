import Foundation
import Spiegel

/// The registry and `Pipeline.yml` that go with the generated exports, in the formats of
/// docs/architecture.md. Written by hand rather than through a YAML encoder so the key order and
/// comments are stable and readable.
extension SyntheticDataSet {
    func writeExport(
        source: SyntheticSource, sourceIndex: Int, wave: Wave, waveIndex: Int,
        population: SyntheticPopulation, folder: URL
    ) throws -> ExportFile {
        guard let instrument = instruments.first(where: { $0.id == source.instrument }) else {
            throw GenerateError.unsuitableInstruments("no instrument '\(source.instrument)'")
        }
        return try SyntheticExport(
            instrument: instrument, source: source, sourceIndex: sourceIndex, wave: wave,
            waveIndex: waveIndex, population: population, parameters: parameters,
            folder: folder
        ).write()
    }

    func writeRegistry(_ population: SyntheticPopulation, to url: URL) throws {
        var text = "# Synthetic registry written by `spiegel generate` (seed \(parameters.seed)). All names are fictional.\n"
        text += "partnerships:\n"
        for partnership in population.partnerships {
            text += "  - {id: \(partnership.id), name: \(Self.quoted(partnership.name))}\n"
        }
        text += "schools:\n"
        for school in population.schools {
            let partnership = population.partnerships[school.partnership].id
            text += "  - {id: \(Self.quoted(school.id)), name: \(Self.quoted(school.name)), partnership: \(partnership)}\n"
        }
        text += "roster:\n"
        for (index, supervisor) in population.supervisors.enumerated() {
            let school = population.schools[Int(population.supervisorSchool[index])].id
            text +=
                "  - {school: \(Self.quoted(school)), wpb: \(Self.quoted(supervisor.email)), name: \(Self.quoted(supervisor.name))}\n"
        }
        try Self.writeText(text, to: url)
    }

    func writePipeline(sources: [SyntheticSource], waves: [Wave], to url: URL) throws {
        let instrumentsEntry = parameters.instrumentFiles.isEmpty ? parameters.instrumentsPattern : "Data/instruments/*.yml"
        var text = """
            # Spiegel job configuration, written by `spiegel generate` (seed \(parameters.seed)).
            # See docs/configuration.md for every key.
            instruments: [\(Self.quoted(instrumentsEntry))]
            registry: Data/registry.yml
            waves:

            """
        for wave in waves {
            text += "  - {id: \(Self.quoted(wave.id)), start: \(wave.start), end: \(wave.end)}\n"
        }
        text += """
            analysis: {gap_threshold: 1.0, minimum_group_size: 3}
            output:
              folder: Reports
              keep_runs: 5
              reports: {partnership_workbook: true, school_workbooks: true, personal_workbooks: false, research_data: true}
              research: {excel_friendly_copy: false, include_free_text: false}
            pseudonymisation: {key_file: .spiegel-key, key_env: SPIEGEL_PSEUDONYM_KEY}
            # Release profiles (docs/analysis.md): coordinator → partnership/, management → schools/,
            # research (restricted) → research/, public → public/.
            release:
              management: {minimum_schools: 3}
              public: {aggregates: true}
            sources:

            """
        for source in sources {
            guard let instrument = instruments.first(where: { $0.id == source.instrument }) else { continue }
            let style = source.style
            text += "  - name: \(source.name)\n"
            text += "    files: \(source.filePattern)\n"
            text += "    instrument: \(source.instrument)\n"
            if source.roleIsAmbiguous { text += "    role: \(source.role.rawValue)\n" }
            text += "    columns:\n"
            text += "      respondent: \(Self.quoted(style.respondentHeader))\n"
            if instrument.subjectKind == .school {
                text += "      subject: \(Self.quoted(style.schoolHeader))\n"
            } else if source.role != .selfAssessment {
                text += "      subject: \(Self.quoted(style.subjectHeader))\n"
            }
            text += "      school: \(Self.quoted(style.schoolHeader))\n"
            text += "      submitted_at: \(Self.quoted(style.submittedAtHeader))\n"
            text += Self.positionalMappings(instrument: instrument, source: source)
        }
        try Self.writeText(text, to: url)
    }

    /// Items and open questions whose header text occurs more than once in the export (the
    /// student form asks the same feed-forward question after every area) cannot be found by text,
    /// so `Pipeline.yml` maps them by position, as a coordinator would.
    static func positionalMappings(instrument: Instrument, source: SyntheticSource) -> String {
        let hasSubjectColumn = instrument.subjectKind == .supervisor && source.role != .selfAssessment
        let headers = SyntheticExport.headers(of: instrument, style: source.style, hasSubjectColumn: hasSubjectColumn)
        let normalised = headers.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
        var occurrences: [String: Int] = [:]
        for header in normalised { occurrences[header, default: 0] += 1 }
        let firstItem = headers.count - instrument.items.count - instrument.openQuestions.count
        func mapping(_ ids: [String], from offset: Int) -> String {
            let entries = ids.indices.compactMap { index -> String? in
                let column = offset + index
                guard occurrences[normalised[column], default: 0] > 1 else { return nil }
                return "\(ids[index]): {position: \(column + 1)}"
            }
            return entries.joined(separator: ", ")
        }
        var text = ""
        let items = mapping(instrument.items.map(\.id), from: firstItem)
        if !items.isEmpty { text += "      items: {\(items)}\n" }
        let questions = mapping(instrument.openQuestions.map(\.id), from: firstItem + instrument.items.count)
        if !questions.isEmpty { text += "      open_questions: {\(questions)}\n" }
        return text
    }

    /// A YAML double-quoted scalar (JSON escaping is valid YAML).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func writeText(_ text: String, to url: URL) throws {
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch { throw GenerateError.cannotWrite(url.path) }
    }
}
