import Spiegel

/// Why synthetic data could not be generated.
package enum GenerateError: Error, Equatable, CustomStringConvertible {
    /// A parameter is out of its range; the message says which and what is allowed.
    case invalidParameter(String)
    /// The instruments cannot be turned into exports (for example none about a wpb).
    case unsuitableInstruments(String)
    /// A file or folder could not be written.
    case cannotWrite(String)

    package var description: String {
        switch self {
        case .invalidParameter(let message): "Invalid generator parameter: \(message)"
        case .unsuitableInstruments(let message): "Cannot generate exports for these instruments: \(message)"
        case .cannotWrite(let path): "Cannot write \(path): check that the folder exists and is writable"
        }
    }
}
