import Foundation
import Yams

/// Reads configuration YAML into ``YAMLValue``s that remember where they stand in the file.
///
/// Yams' `Decodable` support loses positions and ignores unknown keys; walking the composed
/// `Node` tree keeps both, so every error can name file, line and column.
enum YAMLReader {
    /// Parses the file at `url`. A missing or unreadable file or invalid YAML is reported to
    /// `diagnostics` and gives nil. An empty file reads as an empty mapping.
    ///
    /// - Parameters:
    ///   - displayName: the file as messages name it, e.g. `Pipeline.yml` or `Data/registry.yml`.
    ///   - referencedAt: where the configuration names this file, for a missing-file error.
    static func read(
        _ url: URL, displayName: String, referencedAt: ConfigurationError.Location? = nil,
        diagnostics: ConfigurationDiagnostics
    ) -> YAMLValue? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.report(.missingFile(written: displayName, resolved: url.path, at: referencedAt))
            return nil
        }
        let text: String
        do {
            // Checked before reading: a 100 MB file is refused without loading it.
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= YAMLLimits.maximumFileSize else {
                diagnostics.report(
                    .limitExceeded(
                        problem:
                            "the file is \(size) bytes, more than the \(YAMLLimits.maximumFileSize >> 20) MiB a configuration file may have",
                        at: .init(file: displayName, line: 1, column: 1)))
                return nil
            }
            let data = try Data(contentsOf: url)
            guard let decoded = String(data: data, encoding: .utf8) else {
                diagnostics.report(.unreadableFile(path: displayName, reason: "the file is not UTF-8 text"))
                return nil
            }
            // Notepad on Windows saves UTF-8 with a byte-order mark; it is not part of the YAML.
            text = decoded.hasPrefix("\u{FEFF}") ? String(decoded.dropFirst()) : decoded
        } catch {
            diagnostics.report(.unreadableFile(path: displayName, reason: error.localizedDescription))
            return nil
        }
        return parse(text, displayName: displayName, diagnostics: diagnostics)
    }

    /// Parses YAML text; see ``read(_:displayName:referencedAt:diagnostics:)``.
    static func parse(_ text: String, displayName: String, diagnostics: ConfigurationDiagnostics) -> YAMLValue? {
        if let (problem, line, column) = YAMLLimits.violation(in: text) {
            diagnostics.report(.limitExceeded(problem: problem, at: .init(file: displayName, line: line, column: column)))
            return nil
        }
        do {
            let root = try Yams.compose(yaml: text) ?? Node([(Node, Node)]())
            return YAMLValue(node: root, file: displayName, context: "", diagnostics: diagnostics)
        } catch let error as YamlError {
            diagnostics.report(invalidYAML(error, file: displayName))
            return nil
        } catch {
            diagnostics.report(.invalidYAML(problem: "\(error)", at: .init(file: displayName, line: 1, column: 1)))
            return nil
        }
    }

    /// Turns Yams' error into a one-line problem at the parser's position.
    private static func invalidYAML(_ error: YamlError, file: String) -> ConfigurationError {
        func problem(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line))"
        }
        switch error {
        case .scanner(let context, let text, let mark, _), .parser(let context, let text, let mark, _),
            .composer(let context, let text, let mark, _):
            return .invalidYAML(problem: problem(context, text), at: .init(file: file, line: mark.line, column: mark.column))
        case .reader(let text, let offset, _, let yaml):
            // The reader reports a byte offset; count the lines before it.
            let prefix = offset.map { Array(yaml.utf8.prefix($0)) } ?? []
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = prefix.count - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            return .invalidYAML(problem: text, at: .init(file: file, line: line, column: column))
        default:
            return .invalidYAML(problem: "\(error)", at: .init(file: file, line: 1, column: 1))
        }
    }
}

/// One YAML node with its file, its place in the document (`context`, e.g. `sources[2].columns`)
/// and typed reads that report a wrong type and give nil instead of throwing.
struct YAMLValue {
    let node: Node
    let file: String
    /// The key path used in messages; empty at the top level.
    let context: String
    let diagnostics: ConfigurationDiagnostics

    var location: ConfigurationError.Location {
        .init(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// An explicit `~`, `null` or nothing after the colon.
    var isNull: Bool {
        // A quoted "" or "null" is text, not null.
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return node.null != nil
    }

    /// The node as a mapping whose keys must be among `keys`; unknown and repeated keys are
    /// reported. A null node reads as an empty mapping, so `analysis:` means "all defaults".
    func mapping(keys: [String]) -> YAMLMapping? {
        guard let entries = uniqueEntries() else { return nil }
        for entry in entries where !keys.contains(entry.key) {
            diagnostics.report(
                .unknownKey(
                    entry.key, context: context, suggestion: Spelling.nearest(to: entry.key, in: keys),
                    at: entry.keyLocation))
        }
        return YAMLMapping(owner: self, entries: entries.filter { keys.contains($0.key) })
    }

    /// The node as a mapping with free keys (item ids, labels), in file order, repeated keys included
    /// so that the caller can say what a repetition means.
    func entries() -> [YAMLMapping.Entry]? {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else {
            report(expected: "a mapping (key: value)")
            return nil
        }
        var entries: [YAMLMapping.Entry] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalar?.string ?? "\(keyNode)"
            let keyLocation = ConfigurationError.Location(
                file: file, line: keyNode.mark?.line ?? 1,
                column: keyNode.mark?.column ?? 1)
            let value = YAMLValue(node: valueNode, file: file, context: Self.join(context, key), diagnostics: diagnostics)
            entries.append(.init(key: key, keyLocation: keyLocation, value: value))
        }
        return entries
    }

    /// ``entries()`` with a repeated key reported and dropped.
    func uniqueEntries() -> [YAMLMapping.Entry]? {
        guard let entries = entries() else { return nil }
        var seen: [String: ConfigurationError.Location] = [:]
        return entries.filter { entry in
            if let first = seen[entry.key] {
                diagnostics.report(.duplicateKey(entry.key, context: context, at: entry.keyLocation, first: first))
                return false
            }
            seen[entry.key] = entry.keyLocation
            return true
        }
    }

    /// The node as a list; a null node is an empty list.
    func sequence() -> [YAMLValue]? {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else {
            report(expected: "a list")
            return nil
        }
        return sequence.enumerated().map { index, element in
            YAMLValue(node: element, file: file, context: "\(context)[\(index + 1)]", diagnostics: diagnostics)
        }
    }

    /// The scalar's text exactly as written (so a school id `0123` stays `0123`).
    func string() -> String? {
        guard case .scalar(let scalar) = node, !isNull else {
            report(expected: "text")
            return nil
        }
        return scalar.string
    }

    /// A single value or a list of them, as elements (`instruments: a.yml` and `instruments: [a.yml, b.yml]`
    /// both work).
    func scalarOrList() -> [YAMLValue]? {
        if case .scalar = node, !isNull { return [self] }
        return sequence()
    }

    func int() -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            report(expected: "a whole number")
            return nil
        }
        return value
    }

    /// A finite number; `1`, `1.0` and `"1.5"` all read, `.inf` and `.nan` do not.
    func double() -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)),
            value.isFinite
        else {
            report(expected: "a number")
            return nil
        }
        return value
    }

    func bool() -> Bool? {
        guard case .scalar = node, !isNull, let value = node.bool else {
            report(expected: "true or false")
            return nil
        }
        return value
    }

    /// The value as one of an enumeration's raw values, or a reported invalid choice.
    func choice<Choice: RawRepresentable>(_ type: Choice.Type, allowed: [String]) -> Choice? where Choice.RawValue == String {
        guard let text = string() else { return nil }
        guard let value = Choice(rawValue: text) else {
            diagnostics.report(
                .invalidChoice(
                    context: context, value: text, allowed: allowed,
                    suggestion: Spelling.nearest(to: text, in: allowed), at: location))
            return nil
        }
        return value
    }

    /// Reports that this value is not of the `expected` kind.
    func report(expected: String) {
        diagnostics.report(.wrongType(context: context, expected: expected, found: found, at: location))
    }

    /// A scalar's text as written, for messages about its value.
    var scalarText: String { node.scalar?.string ?? found }

    /// How the value reads in a message: `a list`, `a mapping`, `nothing` or the quoted text.
    var found: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return isNull ? "nothing" : "'\(scalar.string)'"
        }
    }

    static func join(_ context: String, _ key: String) -> String {
        context.isEmpty ? key : "\(context).\(key)"
    }
}

/// A YAML mapping whose keys were checked against the format; reads optional and required keys.
struct YAMLMapping {
    struct Entry {
        var key: String
        var keyLocation: ConfigurationError.Location
        var value: YAMLValue
    }

    let owner: YAMLValue
    let entries: [Entry]

    /// The value of `key`, or nil when it is absent or null.
    subscript(key: String) -> YAMLValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value of `key`; reports a missing required key when it is absent or null.
    func required(_ key: String) -> YAMLValue? {
        guard let value = self[key] else {
            owner.diagnostics.report(.missingKey(key, context: owner.context, at: owner.location))
            return nil
        }
        return value
    }

    /// Where `key` is written, or the mapping itself when it is absent.
    func location(of key: String) -> ConfigurationError.Location {
        entries.first { $0.key == key }?.keyLocation ?? owner.location
    }
}
