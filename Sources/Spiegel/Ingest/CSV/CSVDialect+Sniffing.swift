extension CSVDialect {
    /// How much of a file sniffing looks at: enough for dozens of rows of a wide survey export.
    static let sniffSampleSize = 256 << 10
    static let sniffRecordLimit = 50

    /// The delimiter that splits the first records most consistently.
    ///
    /// Each candidate parses the sample (quotes respected); a candidate that yields one column
    /// is out. The winner has the largest share of records with as many fields as the header,
    /// then the most columns, then comes first in ``delimiterCandidates``. A comma in question
    /// texts or Dutch decimals (`3,5`) therefore loses to the semicolon that splits every row alike.
    static func sniffDelimiter(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        let sample = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, sniffSampleSize)])
        let truncated = sample.count < bytes.count
        var best: (delimiter: UInt8, consistency: Double, columns: Int)?
        for candidate in delimiterCandidates {
            var parser = CSVParser(bytes: sample, delimiter: candidate)
            var record = CSVRecord()
            var counts: [Int] = []
            while counts.count < sniffRecordLimit, parser.next(into: &record) {
                if truncated && parser.position >= sample.count { break }  // possibly cut off
                if record.count == 1 && record.isBlank { continue }
                counts.append(record.count)
            }
            guard let header = counts.first, header > 1 else { continue }
            let consistency = Double(counts.filter { $0 == header }.count) / Double(counts.count)
            if best == nil || consistency > best!.consistency
                || (consistency == best!.consistency && header > best!.columns)
            {
                best = (candidate, consistency, header)
            }
        }
        return best?.delimiter ?? ASCII.comma
    }

    /// The line ends outside quoted fields among the first records.
    static func sniffLineEnding(_ bytes: UnsafeRawBufferPointer) -> LineEnding {
        let end = min(bytes.count, sniffSampleSize)
        var inQuotes = false
        var seen: Set<LineEnding> = []
        var p = 0
        var found = 0
        while p < end && found < sniffRecordLimit {
            let byte = bytes[p]
            if byte == ASCII.quote {
                inQuotes.toggle()
            } else if !inQuotes && byte == ASCII.carriageReturn {
                if p + 1 < end && bytes[p + 1] == ASCII.lineFeed {
                    seen.insert(.crlf)
                    p += 1
                } else {
                    seen.insert(.cr)
                }
                found += 1
            } else if !inQuotes && byte == ASCII.lineFeed {
                seen.insert(.lf)
                found += 1
            }
            p += 1
        }
        if seen.count > 1 { return .mixed }
        return seen.first ?? LineEnding.none
    }

    /// Qualtrics writes three header rows: names, question texts, and `{"ImportId":"QID1"}` descriptors.
    static func looksLikeQualtrics(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
        let sample = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, sniffSampleSize)])
        var parser = CSVParser(bytes: sample, delimiter: delimiter)
        var record = CSVRecord()
        for _ in 0..<3 {
            guard parser.next(into: &record) else { return false }
        }
        return record.count > 0 && record.fields.contains { $0.hasPrefix("{\"ImportId\"") }
    }
}
