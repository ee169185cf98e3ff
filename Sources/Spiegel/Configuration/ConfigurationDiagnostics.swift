/// Collects errors and warnings while configuration files are read, so that one pass reports all
/// the mistakes a coordinator has to fix, not just the first.
final class ConfigurationDiagnostics {
    private(set) var errors: [ConfigurationError] = []
    private(set) var warnings: [String] = []

    func report(_ error: ConfigurationError) {
        errors.append(error)
    }

    func warn(_ message: String) {
        warnings.append(message)
    }

    /// Throws everything reported so far, if anything was.
    func throwIfErrors() throws {
        if !errors.isEmpty { throw ConfigurationErrors(errors) }
    }
}
