import Foundation

/// Sizes of memory as people write them (`4 GB`, `512MB`, `2 GiB`, `1073741824`) and as a run reports them.
enum MemorySize {
    /// The number of bytes `text` names; `nil` when it names none. GB and GiB both mean 1024³ here: memory is
    /// sold and limited in binary units, and a limit read too small errs on the safe side.
    static func bytes(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let kilo = 1024.0, mega = kilo * 1024, giga = mega * 1024, tera = giga * 1024
        let factors: [String: Double] = [
            "": 1, "b": 1, "k": kilo, "kb": kilo, "kib": kilo, "m": mega, "mb": mega, "mib": mega,
            "g": giga, "gb": giga, "gib": giga, "t": tera, "tb": tera, "tib": tera,
        ]
        guard let factor = factors[unit] else { return nil }
        let bytes = number * factor
        guard bytes >= 1, bytes < Double(UInt64.max) else { return nil }
        return UInt64(bytes)
    }

    /// `1.4 GB`, `820 MB`: one decimal from a gigabyte on, whole megabytes below.
    static func text(_ bytes: UInt64) -> String {
        let gigabytes = Double(bytes) / 1_073_741_824
        if gigabytes >= 1 { return String(format: "%.1f GB", gigabytes) }
        return "\(max(1, Int((Double(bytes) / 1_048_576).rounded()))) MB"
    }
}
