/// The exit codes of `spiegel run`, so cron and scripts can tell outcomes apart.
///
/// Values follow BSD's sysexits where one fits.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything read was used; reports published.
    case success = 0
    /// Reports published, but some rows were quarantined or a warning was raised: read the summary.
    case successWithQuarantine = 3
    /// An input file could not be read at all (EX_DATAERR).
    case inputError = 65
    /// A bug or an environment failure such as a full disk (EX_SOFTWARE).
    case internalError = 70
    /// Another run holds the lock on the same output folder (EX_TEMPFAIL).
    case lockHeld = 75
    /// Pipeline.yml, an instrument or the registry is invalid (EX_CONFIG).
    case configurationError = 78

    /// One line per code, for `--help` and the README.
    public static var helpText: String {
        allCases.map { "  \(String($0.rawValue).padding(toLength: 3, withPad: " ", startingAt: 0)) \($0.meaning)" }
            .joined(separator: "\n")
    }

    public var meaning: String {
        switch self {
        case .success: "success: reports published, every row used"
        case .successWithQuarantine: "success, but rows were quarantined or warnings raised (see the summary)"
        case .inputError: "an input file could not be read; nothing published"
        case .internalError: "internal error (a bug, or e.g. a full disk); nothing published"
        case .lockHeld: "another run is busy with the same output folder; nothing done"
        case .configurationError: "the configuration, an instrument or the registry is invalid; nothing done"
        }
    }
}

import Foundation
