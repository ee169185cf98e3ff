import Foundation

/// The exit codes of `spiegel run`, so cron and scripts can tell outcomes apart.
///
/// Values follow BSD's sysexits where one fits. 0 and 3 both mean "published": 3 says that rows or
/// warnings need the coordinator's action; routine rows (blank rows, superseded duplicates) never do
/// (``QuarantineReason/needsAction``). 4 is the alarm: a source or a school was lost, and the night is kept
/// aside instead of published (docs/operations.md, "Alarms").
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Reports published; every row was used or set aside as routine.
    case success = 0
    /// Reports published, but rows need the coordinator's action or a warning was raised: read the summary.
    case actionNeeded = 3
    /// A source or a school was lost (a file losing most of its rows, an export on another scale, a school the
    /// registry does not know or without forms this wave): the run is kept under `runs/` but `latest` still names
    /// the last trusted night, unless `night.publish_on_alarm` is set. The summary's first lines name the cause.
    case alarm = 4
    /// An export could not be read, a source yielded no file or no usable row (EX_DATAERR); nothing published.
    case inputError = 65
    /// The release ledger is missing, damaged or belongs to another key or output folder (EX_NOINPUT); nothing
    /// published until it is restored (`spiegel ledger restore`) or a new one is started (`--new-ledger`).
    case ledgerUnavailable = 66
    /// A bug or an environment failure such as a full disk, a run that would not fit in the memory it may use,
    /// or a run that failed its check before publishing (EX_SOFTWARE); nothing published.
    case internalError = 70
    /// Another run holds the lock on the same output folder (EX_TEMPFAIL).
    case lockHeld = 75
    /// Pipeline.yml is missing or invalid, or an instrument or the registry is (EX_CONFIG).
    case configurationError = 78

    /// One line per code, for `--help` and the README.
    public static var helpText: String {
        allCases.map { "  \(String($0.rawValue).padding(toLength: 3, withPad: " ", startingAt: 0)) \($0.meaning)" }
            .joined(separator: "\n")
    }

    /// Whether reports were published with this status. An alarm night is not, unless `night.publish_on_alarm`.
    public var published: Bool { self == .success || self == .actionNeeded }

    public var meaning: String {
        switch self {
        case .success: "success: reports published; every row used or set aside as routine (blank, superseded)"
        case .actionNeeded: "reports published, but rows need your action or warnings were raised (see the summary)"
        case .alarm:
            "ALARM: a source or a school was lost (named in the summary's first lines); the run is kept under runs/ "
                + "and latest still names the last trusted night"
        case .inputError: "an export could not be read, or a source gave no file or no usable row; nothing published"
        case .ledgerUnavailable:
            "the release ledger is missing, damaged or for another key or output folder; nothing published (spiegel ledger restore)"
        case .internalError:
            "internal error (a bug, a full disk, too little memory, or outputs that failed their check); nothing published"
        case .lockHeld: "another run is busy with the same output folder; nothing done"
        case .configurationError: "the configuration is missing or invalid (or an instrument or the registry); nothing done"
        }
    }
}
