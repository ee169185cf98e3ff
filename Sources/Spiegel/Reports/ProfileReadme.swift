/// The `README.md` each profile's folder of a published run starts with: which profile it is and what that means.
enum ProfileReadme {
    static func text(for profile: ReleaseProfile, settings: PipelineConfiguration.Analysis) -> String {
        let k = settings.minimumGroupSize
        let body: String
        switch profile {
        case .coordinator:
            body = """
                Profile: **coordinator** (coördinator opleidingsschool). Everything, names and missing lists included.
                Do not pass these workbooks on: they show every school and who is missing which form.
                """
        case .management:
            body = """
                Profile: **management (MT)**. One folder per school, for that school's management team only.
                Every number comes from the disclosure layer: no figure over fewer than \(k) wpbs, and no
                combination of figures — with the partnership benchmark, another wave, another night, another
                school's workbook or the public tables — isolates fewer than \(k) wpbs. A wave appears once it
                has closed. See docs/analysis.md, "Disclosure".
                """
        case .researchRestricted:
            body = """
                Profile: **research (restricted)**. Pseudonymous microdata for researchers under a data agreement.
                Small-group suppression does NOT apply to microdata: forms.csv, responses.csv and subject_scores.csv
                hold individual (pseudonymised) scores. Submission times are given as dates only. Free text
                (comments.csv) is present only when the configuration asks for it, with e-mail addresses and phone
                numbers masked. Do not publish any of these files; publish from public/ instead.
                """
        case .public:
            body = """
                Profile: **public**. Aggregate tables safe to publish in a report: partnership figures only, over
                schools with at least \(k) wpbs, no minimum, median or maximum, category shares only when they do
                not reveal every member's category, and only waves that have closed. See codebook.csv and
                datapackage.json.
                """
        }
        return "# Spiegel — \(profile.folder)/\n\n" + body + "\n"
    }
}
