/// Why the release ledger cannot be used: MT and public figures are then not published at all, never released
/// afresh as if nothing had been released before (docs/operations.md, "The release ledger").
enum ReleaseLedgerError: Error, Equatable, CustomStringConvertible {
    /// The file is damaged or not a ledger.
    case unreadable(path: String, reason: String)

    var description: String {
        switch self {
        case let .unreadable(path, reason): "The release ledger \(path) cannot be read: \(reason)."
        }
    }
}
