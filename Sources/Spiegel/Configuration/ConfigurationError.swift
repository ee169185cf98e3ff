/// A mistake in `Pipeline.yml`, an instrument file or the registry, worded so that a coordinator can
/// fix it without reading Swift.
///
/// Every case that points into a YAML file carries a ``Location``; the description starts with it,
/// as compilers do: `Pipeline.yml:12:5: unknown key 'treshold' in 'analysis'; did you mean 'gap_threshold'?`.
/// Loaders collect as many of these as they can in one pass and throw them together as
/// ``ConfigurationErrors``.
enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key the format does not know; `suggestion` is the nearest valid key, if one is close.
    case unknownKey(String, context: String, suggestion: String?, at: Location)
    /// The same key twice in one mapping; YAML would silently keep only one of them.
    case duplicateKey(String, context: String, at: Location, first: Location)
    /// A required key is absent; `at` is the mapping that should hold it.
    case missingKey(String, context: String, at: Location)
    /// A value of the wrong kind, e.g. a list where a number belongs.
    case wrongType(context: String, expected: String, found: String, at: Location)
    /// A value outside the allowed range, e.g. `gap_threshold: 0`.
    case outOfRange(context: String, value: String, requirement: String, at: Location)
    /// A value that must be one of a fixed set (a role, a subject kind, a delimiter, an encoding).
    case invalidChoice(context: String, value: String, allowed: [String], suggestion: String?, at: Location)
    /// A date that is not a real `yyyy-MM-dd` day.
    case invalidDate(context: String, value: String, at: Location)
    /// A file named in the configuration does not exist; `at` is nil for the configuration file itself.
    case missingFile(written: String, resolved: String, at: Location?)
    /// A glob that must match something (the instrument files) matched nothing.
    case noMatchingFiles(pattern: String, resolved: String, at: Location)
    /// The file exists but cannot be read as UTF-8 text.
    case unreadableFile(path: String, reason: String)
    /// The text is not valid YAML; the location is where the YAML parser gave up.
    case invalidYAML(problem: String, at: Location)
    /// Two things of one kind with the same id (instrument, area, item, school, partnership, source, wave).
    case duplicateID(kind: String, id: String, at: Location, first: Location)
    /// A source maps the same item twice.
    case itemMappedTwice(item: String, source: String, column: String, at: Location, first: Location)
    /// A source maps two items (or open questions) to the same column.
    case columnMappedTwice(column: String, source: String, item: String, otherItem: String, at: Location)
    /// A competency area of an instrument without any item.
    case areaWithoutItems(area: String, instrument: String, at: Location)
    /// An item or open question names an area the instrument does not declare.
    case unknownArea(area: String, item: String, suggestion: String?, at: Location)
    /// An item's `mirrors` names no item of a self-scan instrument about the same kind of subject.
    case unknownMirror(item: String, mirrors: String, at: Location)
    /// A source names an instrument that no instrument file declares.
    case unknownInstrument(String, source: String, suggestion: String?, at: Location)
    /// A source maps an item or open question its instrument does not have.
    case unknownItem(String, instrument: String, suggestion: String?, at: Location)
    /// A source's role is not one the instrument is filled in by.
    case roleNotAllowed(role: String, instrument: String, allowed: [String], at: Location)
    /// The instrument is filled in by several roles and the source does not say which.
    case missingRole(source: String, instrument: String, allowed: [String], at: Location)
    /// A wave whose last day lies before its first.
    case waveEndsBeforeStart(wave: String, start: String, end: String, at: Location)
    /// Two waves share days, so a form could belong to both.
    case overlappingWaves(String, String, at: Location)
    /// A school names a partnership the registry does not list.
    case unknownPartnership(String, school: String, at: Location)
    /// A roster entry names a school the registry does not list.
    case unknownSchool(String, supervisor: String, at: Location)
    /// A school id that cannot name a folder safely (`/`, `..`, control characters).
    case unsafeID(kind: String, id: String, problem: String, at: Location)
    /// Two ids (or names) that differ only in case or spacing, which file systems and exports treat as one.
    case confusableID(kind: String, id: String, other: String, at: Location, first: Location)
    /// A YAML file beyond the size or nesting that configuration needs; checked before parsing.
    case limitExceeded(problem: String, at: Location)

    /// A place in a YAML file: the file as the user knows it, 1-based line and column.
    struct Location: Sendable, Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int

        init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }

        var description: String { "\(file):\(line):\(column)" }
    }

    /// Where the error is, if it points into a file.
    var location: Location? {
        switch self {
        case .unknownKey(_, _, _, let at), .duplicateKey(_, _, let at, _), .missingKey(_, _, let at),
            .wrongType(_, _, _, let at), .outOfRange(_, _, _, let at), .invalidChoice(_, _, _, _, let at),
            .invalidDate(_, _, let at), .noMatchingFiles(_, _, let at), .invalidYAML(_, let at),
            .duplicateID(_, _, let at, _), .itemMappedTwice(_, _, _, let at, _),
            .columnMappedTwice(_, _, _, _, let at), .areaWithoutItems(_, _, let at),
            .unknownArea(_, _, _, let at), .unknownMirror(_, _, let at), .unknownInstrument(_, _, _, let at),
            .unknownItem(_, _, _, let at), .roleNotAllowed(_, _, _, let at), .missingRole(_, _, _, let at),
            .waveEndsBeforeStart(_, _, _, let at), .overlappingWaves(_, _, let at),
            .unknownPartnership(_, _, let at), .unknownSchool(_, _, let at), .unsafeID(_, _, _, let at),
            .confusableID(_, _, _, let at, _), .limitExceeded(_, let at):
            return at
        case .missingFile(_, _, let at):
            return at
        case .unreadableFile:
            return nil
        }
    }

    /// The message without its location.
    var message: String {
        switch self {
        case .unknownKey(let key, let context, let suggestion, _):
            return "unknown key '\(key)' \(Self.place(context))" + Self.hint(suggestion)
        case .duplicateKey(let key, let context, _, let first):
            return "key '\(key)' appears twice \(Self.place(context)) (first at line \(first.line))"
        case .missingKey(let key, let context, _):
            return "missing required key '\(key)' \(Self.place(context))"
        case .wrongType(let context, let expected, let found, _):
            return "\(context.isEmpty ? "the file" : "'\(context)'") should be \(expected), found \(found)"
        case .outOfRange(let context, let value, let requirement, _):
            return "'\(context)' is \(value); it must be \(requirement)"
        case .invalidChoice(let context, let value, let allowed, let suggestion, _):
            return "'\(context)' is '\(value)'; expected one of \(Self.list(allowed))" + Self.hint(suggestion)
        case .invalidDate(let context, let value, _):
            return "'\(context)' is '\(value)', which is not a valid date; expected yyyy-MM-dd, e.g. 2025-08-01"
        case .missingFile(let written, let resolved, _):
            return "file '\(written)' not found (looked for \(resolved))"
        case .noMatchingFiles(let pattern, let resolved, _):
            return "no files match '\(pattern)' (looked for \(resolved))"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidYAML(let problem, _):
            return "invalid YAML: \(problem)"
        case .duplicateID(let kind, let id, _, let first):
            return "\(kind) id '\(id)' is used twice (first at \(first))"
        case .itemMappedTwice(let item, let source, let column, _, let first):
            return "item '\(item)' is mapped twice in source '\(source)' (now to \(column); first at line \(first.line))"
        case .columnMappedTwice(let column, let source, let item, let otherItem, _):
            return "\(column) is mapped to both '\(otherItem)' and '\(item)' in source '\(source)'"
        case .areaWithoutItems(let area, let instrument, _):
            return "area '\(area)' of instrument '\(instrument)' has no items"
        case .unknownArea(let area, let item, let suggestion, _):
            return "item '\(item)' names area '\(area)', which the instrument does not declare" + Self.hint(suggestion)
        case .unknownMirror(let item, let mirrors, _):
            return "item '\(item)' mirrors '\(mirrors)', which is not an item of a self-scan instrument"
                + " about the same kind of subject"
        case .unknownInstrument(let id, let source, let suggestion, _):
            return "source '\(source)' uses instrument '\(id)', which no instrument file declares" + Self.hint(suggestion)
        case .unknownItem(let id, let instrument, let suggestion, _):
            return "instrument '\(instrument)' has no item or open question '\(id)'" + Self.hint(suggestion)
        case .roleNotAllowed(let role, let instrument, let allowed, _):
            return "role '\(role)' is not allowed for instrument '\(instrument)'; it is filled in by \(Self.list(allowed))"
        case .missingRole(let source, let instrument, let allowed, _):
            return "source '\(source)' must say its 'role': instrument '\(instrument)' is filled in by \(Self.list(allowed))"
        case .waveEndsBeforeStart(let wave, let start, let end, _):
            return "wave '\(wave)' ends (\(end)) before it starts (\(start))"
        case .overlappingWaves(let first, let second, _):
            return "waves '\(first)' and '\(second)' overlap; a form would belong to both"
        case .unknownPartnership(let partnership, let school, _):
            return "school '\(school)' names partnership '\(partnership)', which the registry does not list"
        case .unknownSchool(let school, let supervisor, _):
            return "roster entry '\(supervisor)' names school '\(school)', which the registry does not list"
        case .unsafeID(let kind, let id, let problem, _):
            return
                "\(kind) id '\(Excerpt.cut(id.unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined()))' \(problem); "
                + "ids name report folders, so use letters, digits, '-', '_' or '.'"
        case .confusableID(let kind, let id, let other, _, let first) where id == other:
            return "\(kind) '\(Excerpt.cut(id))' is used twice (first at \(first)); every school needs its own, or "
                + "forms of one would land in the other's workbook"
        case .confusableID(let kind, let id, let other, _, let first):
            return "\(kind) '\(Excerpt.cut(id))' differs from '\(Excerpt.cut(other))' (at \(first)) only in case or spacing; "
                + "exports and file systems would mix them up, so make them clearly different"
        case .limitExceeded(let problem, _):
            return problem
        }
    }

    var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }

    private static func place(_ context: String) -> String {
        context.isEmpty ? "at the top level" : "in '\(context)'"
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    private static func list(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }
}

/// All the configuration errors found in one pass, in the order they were found.
struct ConfigurationErrors: Error, Sendable, Equatable, CustomStringConvertible {
    var errors: [ConfigurationError]

    init(_ errors: [ConfigurationError]) {
        self.errors = errors
    }

    /// One error per line.
    var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
