import Foundation

/// Loading `Pipeline.yml` the same way in every command, with one message for a file that is not there.
enum ConfigurationFile {
    /// The configuration and the SHA-256 of its bytes.
    /// - Throws: ``RunError/configurationMissing(path:workingFolder:)`` when no file is at `url`,
    ///   ``RunError/configuration(_:)`` with every problem when it does not validate.
    static func load(_ url: URL) throws(RunError) -> (configuration: PipelineConfiguration, hash: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .configurationMissing(
                path: url.standardizedFileURL.path,
                workingFolder: FileManager.default.currentDirectoryPath)
        }
        do {
            let hash = try FileDigest.sha256(of: url).hex
            return (try PipelineConfiguration.load(from: url), hash)
        } catch {
            throw .configuration("Configuration error:\n\(error)")
        }
    }
}
