import Foundation

/// What the MT workbook shows of the school's own training-school scan (docs/analysis.md, "The school's own
/// scan"): the latest released wave with scan data for the school.
enum SchoolScan {
    /// The latest released wave in which the school has scan rows.
    static func wave(_ release: ReleasedView, school: String) -> Wave? {
        release.scanWaves.last { wave in
            release.isReleased(wave)
                && release.scanConditions.contains {
                    release.scanRow(.school, school, wave: wave.id, condition: $0.id) != nil
                }
        }
    }

    /// The card's description of a condition: the scan item's text after its question ("In welke mate …?").
    static func description(_ text: String) -> String {
        guard let mark = text.firstIndex(of: "?") else { return text }
        let rest = text[text.index(after: mark)...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? text : rest
    }
}

extension SchoolScan {
    /// Whether the scan has a figure to show for the school in `wave`: its own (team or IO) or the partnership's
    /// team figure. Without one the workbook says in one sentence what arrived instead of a table of "onderdrukt".
    static func showsTable(_ release: ReleasedView, school: String, partnership: String, wave: String) -> Bool {
        release.scanConditions.contains { condition in
            let own = release.scanRow(.school, school, wave: wave, condition: condition.id)
            let benchmark = release.scanRow(.partnership, partnership, wave: wave, condition: condition.id)
            return own?.team.value != nil || own?.instituutsopleider.value != nil || benchmark?.team.value != nil
        }
    }
}
