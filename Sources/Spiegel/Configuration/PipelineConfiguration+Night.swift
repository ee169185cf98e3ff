extension PipelineConfiguration {
    /// The `night:` section: when a night raises the alarm, whether it then publishes, how much memory it may
    /// use and who may read the folders meant for MTs and the public (docs/operations.md).
    struct Night: Sendable, Equatable {
        /// A file whose rows needing action exceed this share of its rows read raises the alarm (0 < share < 1).
        var alarmRowLoss = 0.2
        /// Whether an alarm night still switches `latest`; by default it is kept aside under `runs/` only.
        var publishOnAlarm = false
        /// Bytes the run may use; `nil`: the cgroup limit, else physical memory (``MemoryBudget``).
        var memoryLimit: UInt64?
        /// Who besides the coordinator may read `schools/`.
        var schoolsAccess = SharedAccess.private
        /// Who besides the coordinator may read `public/`.
        var publicAccess = SharedAccess.private

        init() {}
    }

    /// Who may read a folder meant to be shared (`schools/`, `public/`); everything else is the coordinator's only.
    enum SharedAccess: String, Sendable, Equatable, CaseIterable {
        /// Files 0600, folders 0700: only the account that runs Spiegel (a sync client under that account).
        case `private`
        /// Files 0640, folders 0750: also the group of the output folder (a share the MTs' accounts read).
        case group
        /// Files 0644, folders 0755: anyone on the machine (a web server serving `public/`).
        case everyone
    }
}
