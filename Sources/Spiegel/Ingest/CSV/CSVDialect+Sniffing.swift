extension CSVDialect {
    /// How much of a file sniffing looks at at least: enough for dozens of rows of a wide survey
    /// export. The sample grows to hold the first whole records when the header alone is larger.
    static let sniffSampleSize = 256 << 10
    static let sniffRecordLimit = 50
    /// Title or note lines above the header that sniffing skips at most.
    static let preambleLimit = 10
    /// The quote characters considered: `"` always wins a tie.
    static let quoteCandidates: [UInt8] = [ASCII.quote, ASCII.apostrophe]

    /// The dialect of a file from the start of its text (`sample`, UTF-8, BOM excluded).
    ///
    /// In order: Excel's `sep=;` first line names the delimiter and is skipped; then every candidate
    /// delimiter and quote character parses the sample, and the one that splits the records after
    /// any preamble most consistently wins (``score(_:delimiter:quote:isWholeFile:)``); then title or
    /// note lines with fewer cells than the records below them count as preamble; then Qualtrics'
    /// three header rows are recognised.
    static func sniff(
        _ sample: UnsafeRawBufferPointer, isWholeFile: Bool, overrides: DialectOverrides,
        encoding: TextEncoding, hasByteOrderMark: Bool, encodingUnsure: Bool
    ) -> CSVDialect {
        var rest = sample
        var sepLine = false
        var delimiter = overrides.delimiter
        if let (named, length) = excelSeparatorLine(sample) {
            sepLine = true
            if delimiter == nil { delimiter = named }
            rest = UnsafeRawBufferPointer(rebasing: sample[length...])
        }
        // The best split per quote character, then `'` only where it is clearly what the file uses.
        var bestPerQuote: [UInt8: Score] = [:]
        for quote in overrides.quote.map({ [$0] }) ?? quoteCandidates {
            for candidate in delimiter.map({ [$0] }) ?? delimiterCandidates {
                guard let score = score(rest, delimiter: candidate, quote: quote, isWholeFile: isWholeFile) else { continue }
                if let current = bestPerQuote[quote], !score.isBetter(than: current) { continue }
                bestPerQuote[quote] = score
            }
        }
        var best = bestPerQuote[ASCII.quote]
        if let apostrophe = bestPerQuote[ASCII.apostrophe] {
            if let double = best {
                if apostrophe.prefersApostrophe(over: double) { best = apostrophe }
            } else {
                best = apostrophe
            }
        }
        let chosenDelimiter = best?.delimiter ?? delimiter ?? ASCII.comma
        let quote = best?.quote ?? overrides.quote ?? ASCII.quote
        let preamble = best?.preamble ?? 0
        var headerRows = overrides.headerRows
        if headerRows == PipelineConfiguration.Defaults.headerRows
            && looksLikeQualtrics(rest, delimiter: chosenDelimiter, quote: quote, skipping: preamble)
        {
            headerRows = 3
        }
        return CSVDialect(
            encoding: encoding, hasByteOrderMark: hasByteOrderMark, delimiter: chosenDelimiter,
            lineEnding: sniffLineEnding(sample, quote: quote), headerRows: headerRows, quote: quote,
            preambleLines: preamble + (sepLine ? 1 : 0), encodingUnsure: encodingUnsure)
    }

    /// How well one delimiter and quote split the sample.
    struct Score {
        var delimiter: UInt8
        var quote: UInt8
        /// Share of the records after the preamble with as many fields as the header; records whose
        /// quotes do not parse count against it.
        var consistency: Double
        var columns: Int
        var preamble: Int
        /// Fields that stood in quotes: evidence the quote character is used as one.
        var quotedFields: Int
        /// Records after the preamble.
        var records: Int
        /// Fields of the first record (the header, unless a title stands above it).
        var firstRecordFields: Int
        /// The commonest field count among records that parse.
        var mode: Int

        /// The first line is a header this split reads whole: as many fields as most records.
        var readsHeaderWhole: Bool { firstRecordFields == mode && mode > 1 }

        /// A split that reads the first line as a header beats one that leaves it one field (and
        /// calls it a title); then consistency, fewer preamble lines (a header is not a title), width.
        func isBetter(than other: Score) -> Bool {
            if readsHeaderWhole && other.firstRecordFields == 1 && !other.readsHeaderWhole { return true }
            if other.readsHeaderWhole && firstRecordFields == 1 && !readsHeaderWhole { return false }
            return (consistency, -preamble, columns) > (other.consistency, -other.preamble, other.columns)
        }

        /// `'` as quote only with fields quoted by it, and a better split than `"` gives, or an equal
        /// one where nothing stands in `"` and `'` quotes fields throughout (one answer typed as
        /// `'Jan'` is not a quoting convention).
        func prefersApostrophe(over double: Score) -> Bool {
            guard quotedFields > 0 else { return false }
            return isBetter(than: double)
                || (!double.isBetter(than: self) && double.quotedFields == 0 && quotedFields >= max(2, records / 2))
        }
    }

    /// Parses the first records of `sample`; nil when the header would have a single column.
    ///
    /// The preamble is the leading records that are a title line, an empty line or a note: at most
    /// one cell filled (`Zelfscan 2025;;;;` included), or fewer than half the commonest count of
    /// cells; at most ``preambleLimit`` of them. Only records whose quotes parse vote for the
    /// commonest count: a record split at the wrong delimiter often fails to parse.
    static func score(_ sample: UnsafeRawBufferPointer, delimiter: UInt8, quote: UInt8, isWholeFile: Bool) -> Score? {
        var parser = CSVParser(bytes: sample, delimiter: delimiter, quote: quote, isFinal: isWholeFile)
        var record = CSVRecord()
        /// Fields per record: 0 for an empty line, -1 for a record whose quotes do not parse.
        var counts: [Int] = []
        var filled: [Int] = []
        var quotedFields = 0
        while counts.count < sniffRecordLimit + preambleLimit, parser.next(into: &record) {
            let parses: Bool
            switch record.problem {
            case nil, .tooManyFields: parses = true  // too wide is a verdict on the file, not on the quotes
            default: parses = false
            }
            counts.append(!parses ? -1 : record.count == 1 && record.isBlank ? 0 : record.count)
            if filled.count < preambleLimit + 1 {
                filled.append((0..<record.count).filter { !record.fieldBytes($0).allSatisfy(ASCII.isWhitespace) }.count)
            }
            if record.problem == nil {
                for range in record.ranges
                where range.start > 0 && sample[range.start - 1] == quote
                    && range.end < sample.count && sample[range.end] == quote
                {
                    quotedFields += 1
                }
            }
        }
        var frequency: [Int: Int] = [:]
        for count in counts where count > 0 { frequency[count, default: 0] += 1 }
        guard let mode = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else { return nil }
        var preamble = 0
        while preamble < counts.count && preamble < preambleLimit && (filled[preamble] <= 1 || counts[preamble] * 2 < mode) {
            preamble += 1
        }
        if preamble == counts.count || preamble == preambleLimit { preamble = 0 }
        let body = counts[preamble...].filter { $0 != 0 }
        guard let header = body.first(where: { $0 > 0 }), header > 1 else { return nil }
        let consistency = Double(body.filter { $0 == header }.count) / Double(body.count)
        return Score(
            delimiter: delimiter, quote: quote, consistency: consistency, columns: header, preamble: preamble,
            quotedFields: quotedFields, records: body.count, firstRecordFields: max(counts.first ?? 0, 0), mode: mode)
    }

    /// Excel's `sep=;` first line (also quoted, `"sep=;"`): the delimiter it names and the line's length with its end.
    static func excelSeparatorLine(_ sample: UnsafeRawBufferPointer) -> (UInt8, Int)? {
        var p = 0
        if p < sample.count && sample[p] == ASCII.quote { p += 1 }
        let prefix = Array("sep=".utf8)
        guard sample.count >= p + prefix.count + 1 else { return nil }
        for (offset, byte) in prefix.enumerated() where sample[p + offset] | 0x20 != byte { return nil }
        p += prefix.count
        let delimiter = sample[p]
        guard let name = Optional(CSVDialect.name(ofDelimiter: delimiter)), DialectOverrides.delimiterByte(for: name) != nil
        else { return nil }
        p += 1
        if p < sample.count && sample[p] == ASCII.quote { p += 1 }
        if p < sample.count && sample[p] == delimiter { p += 1 }  // `sep=;;` as some tools pad it
        guard p == sample.count || sample[p] == ASCII.lineFeed || sample[p] == ASCII.carriageReturn else { return nil }
        if p < sample.count && sample[p] == ASCII.carriageReturn { p += 1 }
        if p < sample.count && sample[p] == ASCII.lineFeed { p += 1 }
        return (delimiter, p)
    }

    /// The line ends outside quoted fields among the first records.
    static func sniffLineEnding(_ bytes: UnsafeRawBufferPointer, quote: UInt8 = ASCII.quote) -> LineEnding {
        let end = bytes.count
        var inQuotes = false
        var seen: Set<LineEnding> = []
        var p = 0
        var found = 0
        while p < end && found < sniffRecordLimit {
            let byte = bytes[p]
            if byte == quote {
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
    static func looksLikeQualtrics(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8, quote: UInt8 = ASCII.quote,
        skipping preamble: Int = 0
    ) -> Bool {
        var parser = CSVParser(bytes: bytes, delimiter: delimiter, quote: quote)
        var record = CSVRecord()
        for _ in 0..<(3 + preamble) {
            guard parser.next(into: &record) else { return false }
        }
        return record.count > 0 && record.fields.contains { $0.hasPrefix("{\"ImportId\"") }
    }
}
