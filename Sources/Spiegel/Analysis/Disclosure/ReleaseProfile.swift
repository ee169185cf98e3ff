/// Who receives an output, and so which disclosure rules it is written under (docs/analysis.md, "Release profiles").
///
/// The profile is a property of a folder of the published run: `partnership/` is for the coordinator,
/// `schools/` for management teams, `research/` for researchers under a data agreement, `public/` for anyone.
enum ReleaseProfile: String, Sendable, CaseIterable {
    /// Everything, names and missing lists included: the partnership workbook. Never leaves the coordinator.
    case coordinator
    /// One school's workbook for its management team: only figures from ``DisclosureControl``'s released view,
    /// differencing-safe also when any MT workbooks and the public tables are put side by side.
    case management
    /// Pseudonymous microdata for researchers under a data agreement; suppression does not apply to microdata.
    case researchRestricted = "research"
    /// Aggregate tables safe to publish: the partnership figures of the released view, nothing per school.
    case `public`

    /// The folder of a published run that holds this profile's output.
    var folder: String {
        switch self {
        case .coordinator: "partnership"
        case .management: "schools"
        case .researchRestricted: "research"
        case .public: "public"
        }
    }

    /// Whether the output leaves the coordinator and so must satisfy the differencing property of docs/analysis.md.
    var isDisclosureControlled: Bool { self == .management || self == .public }
}
