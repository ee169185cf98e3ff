import Foundation

extension ResearchExport {
    /// An area as `areas.csv` lists it.
    struct AreaRow {
        var area: CompetencyArea
        /// `wpb` or `school`, like the `scope` columns.
        var scope: String
        /// 1 = first within its scope.
        var position: Int
    }

    /// The analysis's areas (the radar's axes, then the training-school scan's conditions), then any other area an
    /// instrument declares; each id once, the first description winning.
    func areaRows(_ result: AnalysisResult) -> [AreaRow] {
        var rows = [AreaRow]()
        var listed = Set<String>()
        var count = [String: Int]()
        func add(_ area: CompetencyArea, scope: String) {
            guard listed.insert(area.id).inserted else { return }
            count[scope, default: 0] += 1
            rows.append(AreaRow(area: area, scope: scope, position: count[scope] ?? 1))
        }
        for area in result.supervisorAreas { add(area, scope: AnalysisScope.supervisors.rawValue) }
        for area in result.schoolScanAreas { add(area, scope: AnalysisScope.schools.rawValue) }
        for instrument in instruments.values.sorted(by: { $0.id < $1.id }) {
            for area in instrument.areas { add(area, scope: instrument.subjectKind.rawValue) }
        }
        return rows
    }

    /// A wave as `waves.csv` lists it; days are missing only for a wave the analysis did not place.
    struct WaveRow {
        var id: String
        var title: String
        var start: Day?
        var end: Day?
    }

    /// The analysis's waves by date, then any other wave a form named.
    func waveRows(_ result: AnalysisResult, seen: SeenValues) -> [WaveRow] {
        var rows = result.waves.map { WaveRow(id: $0.id, title: $0.displayName, start: $0.start, end: $0.end) }
        let placed = Set(rows.map(\.id))
        rows += seen.waves.subtracting(placed).sorted().map { WaveRow(id: $0, title: $0, start: nil, end: nil) }
        return rows
    }

    /// Per source whose `answer_labels` differ from its instrument's scale labels: those labels, by score.
    func sourceLabels() -> [(source: Source, labels: [(score: Int, label: String)])] {
        sources.sorted { $0.name < $1.name }.compactMap { source in
            let printed = instruments[source.instrument]?.scale.labels ?? [:]
            let own = source.answerLabels.filter { label, score in printed[score]?.lowercased() != label }
                .map { (score: $0.value, label: $0.key) }
                .sorted { ($0.score, $0.label) < ($1.score, $1.label) }
            return own.isEmpty ? nil : (source, own)
        }
    }

    /// `waves.csv`, with a row for every wave any table names.
    func writeWaves(_ rows: [WaveRow], allWaves: [String], to table: ResearchTableWriter) throws {
        var written = Set<String>()
        for row in rows + allWaves.map({ WaveRow(id: $0, title: $0) }) where written.insert(row.id).inserted {
            table.text(row.id)
            table.text(row.title)
            table.day(row.start)
            table.day(row.end)
            try table.endRow()
        }
    }

    /// `areas.csv`, with a row for every area any table names.
    func writeAreas(_ rows: [AreaRow], allAreas: [String], to table: ResearchTableWriter) throws {
        var written = Set<String>()
        var all = rows
        for id in allAreas where !rows.contains(where: { $0.area.id == id }) {
            all.append(
                AreaRow(
                    area: CompetencyArea(id: id, name: id), scope: AnalysisScope.supervisors.rawValue,
                    position: all.count + 1))
        }
        for row in all where written.insert(row.area.id).inserted {
            table.text(row.area.id)
            table.text(row.scope)
            table.integer(row.position)
            table.text(row.area.name)
            table.text(row.area.shortName)
            try table.endRow()
        }
    }

    /// `scale_labels.csv`: each instrument's labels as printed, then the labels sources showed instead.
    func writeScaleLabels(to table: ResearchTableWriter) throws {
        for instrument in instruments.values.sorted(by: { $0.id < $1.id }) {
            for (score, label) in instrument.scale.labels.sorted(by: { $0.key < $1.key }) {
                table.text(instrument.id)
                table.text(nil)
                table.integer(score)
                table.text(label)
                try table.endRow()
            }
        }
        for (source, labels) in sourceLabels() {
            for (score, label) in labels {
                table.text(source.instrument)
                table.text(source.name)
                table.integer(score)
                table.text(label)
                try table.endRow()
            }
        }
    }
}

extension ResearchExport.WaveRow {
    init(id: String, title: String) { self.init(id: id, title: title, start: nil, end: nil) }
}
