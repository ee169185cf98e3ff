/// Why a run stopped before publishing, with what the coordinator can do about it.
public enum RunError: Error, CustomStringConvertible, Equatable {
    case lockHeld(path: String, holder: String)
    case cannotCreate(path: String, reason: String)
    case publishFailed(path: String, reason: String)
    case configuration(String)
    case input(String)

    public var description: String {
        switch self {
        case let .lockHeld(path, holder):
            let who = holder.isEmpty ? "" : " (\(holder))"
            return "Another Spiegel run is busy with these reports\(who); lock file \(path). "
                + "Wait for it to finish; if no run is active, the lock frees itself."
        case let .cannotCreate(path, reason):
            return "Cannot create \(path): \(reason). Check that the output folder exists and is writable."
        case let .publishFailed(path, reason):
            return "Could not publish the run at \(path): \(reason). The previous reports are still in place."
        case let .configuration(message):
            return message
        case let .input(message):
            return message
        }
    }

    /// The exit status this error ends the run with.
    public var exitStatus: ExitStatus {
        switch self {
        case .lockHeld: .lockHeld
        case .configuration: .configurationError
        case .input: .inputError
        case .cannotCreate, .publishFailed: .internalError
        }
    }
}
