/// Why a run stopped before publishing, with what the coordinator can do about it.
enum RunError: Error, CustomStringConvertible, Equatable {
    case lockHeld(path: String, holder: String)
    case cannotCreate(path: String, reason: String)
    case publishFailed(path: String, reason: String)
    /// No configuration file where the command looked; `workingFolder` is where a relative path started.
    case configurationMissing(path: String, workingFolder: String)
    case configuration(String)
    case input(String)
    /// Required sources that yield no file, a file that cannot be read, or no usable row; one sentence each.
    case sourcesUnusable([String])
    /// The staged run does not hold what its summary and manifest name; one sentence per difference.
    case verificationFailed([String])
    /// The run would need more memory than it may use (``MemoryBudget``); the sentence names need, limit and remedy.
    case insufficientMemory(String)
    /// The disk (or the user's quota) is full while writing `path`.
    case diskFull(path: String)
    /// The release ledger is missing, damaged or made for another key or output folder: what is wrong with it.
    case ledgerUnavailable(String)

    var description: String {
        switch self {
        case let .lockHeld(path, holder):
            let who = holder.isEmpty ? "" : " (\(holder))"
            return "Another Spiegel run is busy with the reports in \(path)\(who). "
                + "Wait for it to finish; if no run is active, the lock frees itself."
        case let .cannotCreate(path, reason):
            return "Cannot create \(path): \(reason). Check that the output folder exists and is writable."
        case let .publishFailed(path, reason):
            return "Could not publish the run at \(path): \(reason). The previous reports are still in place."
        case let .configurationMissing(path, workingFolder):
            return "No configuration file at \(path) (relative paths start in the current folder, \(workingFolder)). "
                + "Pass the job's file with --config /path/to/Pipeline.yml, or cd to the job's folder first "
                + "(cron starts in the home folder: `cd /srv/spiegel && spiegel run`)."
        case let .configuration(message):
            return message
        case let .input(message):
            return message
        case let .sourcesUnusable(problems):
            return
                "Nothing published: \(problems.count == 1 ? "a source gives" : "\(problems.count) sources give") nothing to use.\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
                + "\nThe previously published reports are unchanged. `spiegel check` shows every source's files and rows."
        case let .ledgerUnavailable(problem):
            return "Nothing published: \(problem)\n"
                + "MT workbooks and public/ are never released afresh without the ledger of what was released before: "
                + "late forms could then be told apart. Restore it from the newest published run "
                + "(`spiegel ledger restore --config <Pipeline.yml>`, or `--from <output>/runs/<run id>`), then run again. "
                + "Only if no copy survives: `spiegel run --new-ledger` starts a new one, and the summary records it "
                + "(docs/operations.md, \"The release ledger\")."
        case let .verificationFailed(problems):
            return "Nothing published: the staged run failed its check before publishing.\n"
                + problems.prefix(20).map { "  - \($0)" }.joined(separator: "\n")
                + (problems.count > 20 ? "\n  - … and \(problems.count - 20) more" : "")
                + "\nSomething changed the run's files while it wrote or published them (another program, a full disk). "
                + "The previously published reports are unchanged; run again."
        case let .insufficientMemory(message):
            return "Nothing published. " + message + "\nThe previously published reports are unchanged."
        case let .diskFull(path):
            return "Nothing published: the disk is full (writing \(path)). Free space on that disk (`df -h \(path)`), "
                + "or lower output.keep_runs, and run again. The previously published reports are unchanged."
        }
    }

    /// The exit status this error ends the run with.
    var exitStatus: ExitStatus {
        switch self {
        case .lockHeld: .lockHeld
        case .configuration, .configurationMissing: .configurationError
        case .input, .sourcesUnusable: .inputError
        case .cannotCreate, .publishFailed, .verificationFailed, .insufficientMemory, .diskFull: .internalError
        case .ledgerUnavailable: .ledgerUnavailable
        }
    }
}
