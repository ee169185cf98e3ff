import Foundation

/// A single self-overwriting status line on stderr, for a coordinator watching a long run in a terminal.
///
/// Off when stderr is not a terminal (cron, pipes, tests), so logs never fill with carriage returns.
struct RunProgress {
    let isEnabled: Bool
    private let started = DispatchTime.now()

    init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// Replaces the status line with `text` and the time since the start.
    func show(_ text: String) {
        guard isEnabled else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(String(format: "%5.1f", seconds)) s] \(text)".utf8))
    }

    /// Clears the status line so the summary starts on a clean line.
    func clear() {
        guard isEnabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
