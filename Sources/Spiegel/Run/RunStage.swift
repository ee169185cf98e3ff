import Foundation

/// The points of a run where a stage has ended, in order: where a ``PipelineRun/Options/stageObserver``
/// is called, so fault tests can alter the staging folder or kill the process there.
package enum RunStage: String, Sendable, CaseIterable {
    /// The lock is held; nothing is staged yet (the observer gets the output folder).
    case locked
    /// The exports are read; nothing written yet.
    case ingested
    /// The CSV stage's files (quarantine, reminders, research/, release state, public/) are on disk, not yet recorded.
    case csvFilesOnDisk
    /// `quarantine.csv`, its Excel copy, the reminder list and the researcher files are staged and recorded.
    case csvWritten
    /// The workbooks and their folders' READMEs are on disk, not yet recorded.
    case workbookFilesOnDisk
    /// The workbooks are staged and recorded.
    case workbooksWritten
    /// `summary.txt`, `run.log` and `run-manifest.json` are final; the check before publishing follows.
    case manifestWritten
    /// The staged run passed its check; the move into `runs/` follows.
    case verified
    /// The run is in `runs/`; its check there and the switch of `latest` follow (the observer gets the run folder).
    case movedIntoRuns
    /// The new link is made beside `latest`; the rename over `latest` follows.
    case linking
    /// An old run has been moved aside for removal; removing it follows.
    case pruning
}

/// Called at the end of each ``RunStage`` with the folder the stage worked in; a throw stops the run.
package typealias StageObserver = @Sendable (RunStage, _ folder: URL) throws -> Void
