import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives the XML events of one part.
protocol XMLPartHandler: AnyObject {
    /// An element opens: its name without namespace prefix, and its attributes by qualified name.
    func start(_ element: String, attributes: [String: String])
    func end(_ element: String)
    /// Text inside the current element; a long text node comes in several pieces.
    func characters(_ text: String)
    /// Whether ``characters(_:)`` is wanted now; text nobody wants is skipped without decoding.
    var wantsText: Bool { get }
    /// Set to stop parsing with an error.
    var failure: IngestError? { get }
    /// Set to stop parsing without an error.
    var done: Bool { get }
}

extension XMLPartHandler {
    var wantsText: Bool { true }
    var failure: IngestError? { nil }
    var done: Bool { false }
}

/// A streaming reader for the XML that XLSX parts are written in, fed by an unpacking zip entry.
///
/// Written by hand instead of using Foundation's `XMLParser` because that parser (libxml2 behind
/// it) crashes the process on some malformed names, processing instructions and entity names (one
/// byte `\xCE` in an element name is enough), and because it builds whole text nodes in memory. This
/// reader handles the subset Office Open XML parts use: the XML declaration (UTF-8 only, as Excel,
/// LibreOffice and every survey tool write), elements and attributes, the five predefined and
/// numeric character references, CDATA, comments and processing instructions (skipped). A document
/// type declaration is refused: parts never have one, and it is how entity bombs and external
/// entities arrive. Anything else malformed fails the part with its name and byte offset.
///
/// Memory is bounded: text comes to the handler in pieces of at most ``textPiece`` bytes, a single
/// tag may hold at most ``tokenLimit`` bytes, elements nest at most ``depthLimit`` deep.
final class XMLPartReader<Handler: XMLPartHandler> {
    let handler: Handler
    private let source: ZipArchive.EntryStream
    private let file: String
    /// Unpacked bytes; those before ``filled`` are valid (the array only grows, to avoid refilling it).
    private var buffer: [UInt8] = []
    private var filled = 0
    /// The first byte of ``buffer`` not yet processed.
    private var start = 0
    /// Bytes of the part before `buffer[0]`, for the offsets in messages.
    private var discarded = 0
    private var open: [String] = []
    private var sawRoot = false
    private var sawFirstToken = false
    private(set) var isFinished = false
    private var scratch: [UInt8] = []

    static var chunkSize: Int { 256 << 10 }
    static var textPiece: Int { 64 << 10 }
    static var tokenLimit: Int { 1 << 20 }
    static var depthLimit: Int { 256 }

    var path: String { source.entry.path }

    init(source: ZipArchive.EntryStream, file: String, handler: Handler) {
        self.source = source
        self.file = file
        self.handler = handler
    }

    /// Reads the whole part (or until the handler is done).
    func run() throws(IngestError) {
        while try pump() {}
    }

    /// Unpacks one chunk and hands its events to the handler; false once the part is finished or
    /// the handler is done.
    func pump() throws(IngestError) -> Bool {
        guard !isFinished else { return false }
        if start > 0 {
            let (from, length) = (start, filled - start)
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress, length > 0 else { return }
                memmove(base, base + from, length)
            }
            filled = length
            discarded += start
            start = 0
        }
        let kept = filled
        if buffer.count < kept + Self.chunkSize { buffer += [UInt8](repeating: 0, count: kept + Self.chunkSize - buffer.count) }
        // `withUnsafeMutableBytes` rethrows untyped errors; carry the typed one out by hand.
        let count = try buffer.withUnsafeMutableBytes { raw -> Result<Int, IngestError> in
            let room = UnsafeMutableRawBufferPointer(rebasing: raw[kept..<(kept + Self.chunkSize)])
            do throws(IngestError) { return .success(try source.read(into: room)) } catch { return .failure(error) }
        }.get()
        filled += count
        let isLast = source.isAtEnd || count == 0
        if kept == 0 && discarded == 0 && count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3  // a UTF-8 byte-order mark
        }
        if discarded == 0 && kept == 0 && count >= 2
            && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))
        {
            throw fail(at: 0, "it is UTF-16; only UTF-8 parts are read")
        }
        try process(isLast: isLast)
        if handler.done {
            isFinished = true
            return false
        }
        if isLast {
            isFinished = true
            if start < filled { throw fail(at: start, "it ends inside a tag") }
            if let element = open.last { throw fail(at: filled, "it ends inside <\(element)>; the part is truncated") }
            if !sawRoot { throw fail(at: 0, "it has no root element") }
            return false
        }
        return true
    }

    private func fail(at index: Int, _ reason: String) -> IngestError {
        .unreadableWorkbook(file: file, reason: "\(path) is not well-formed XML at byte \(discarded + index) (\(reason))")
    }

    /// Handles every complete token in the buffer.
    private func process(isLast: Bool) throws(IngestError) {
        let count = filled
        while start < count {
            if let failure = handler.failure { throw failure }
            if handler.done { return }
            if buffer[start] == XMLByte.lessThan {
                guard let end = tokenEnd(from: start) else {
                    if isLast { throw fail(at: start, "it ends inside a tag") }
                    if count - start > Self.tokenLimit { throw fail(at: start, "a tag longer than \(Self.tokenLimit) bytes") }
                    return
                }
                try token(start, end)
                start = end
            } else {
                let next = buffer.withUnsafeBytes { raw -> Int? in
                    guard let found = memchr(raw.baseAddress! + start, Int32(XMLByte.lessThan), count - start) else { return nil }
                    return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
                }
                if let next {
                    try text(start, next)
                    start = next
                } else if isLast {
                    try text(start, count)
                    start = count
                } else if count - start > Self.textPiece {
                    let cut = safeCut(count)
                    try text(start, cut)
                    start = cut
                    return
                } else {
                    return
                }
            }
            if let failure = handler.failure { throw failure }
        }
    }

    /// Where a long text run can be cut without splitting a UTF-8 sequence or a character reference.
    private func safeCut(_ end: Int) -> Int {
        var cut = end - 16
        var steps = 0
        while cut > start && steps < 4 && buffer[cut] & 0xC0 == 0x80 {
            cut -= 1
            steps += 1
        }
        if let ampersand = buffer[max(start, cut - 12)..<cut].lastIndex(of: XMLByte.ampersand),
            !buffer[ampersand..<cut].contains(XMLByte.semicolon)
        {
            cut = ampersand
        }
        return max(cut, start + 1)
    }

    /// The index after the token starting with `<` at `s`, or nil when it is not complete yet.
    private func tokenEnd(from s: Int) -> Int? {
        let count = filled
        func find(_ pattern: [UInt8], from: Int) -> Int? {
            var p = from
            while p + pattern.count <= count {
                if buffer[p] == pattern[0] && buffer[p..<(p + pattern.count)].elementsEqual(pattern) { return p + pattern.count }
                p += 1
            }
            return nil
        }
        guard s + 1 < count else { return nil }
        switch buffer[s + 1] {
        case XMLByte.questionMark: return find([XMLByte.questionMark, XMLByte.greaterThan], from: s + 2)
        case XMLByte.exclamationMark:
            if buffer[s..<min(count, s + 4)].elementsEqual("<!--".utf8) { return find(Array("-->".utf8), from: s + 4) }
            if buffer[s..<min(count, s + 9)].elementsEqual("<![CDATA[".utf8) { return find(Array("]]>".utf8), from: s + 9) }
            if count - s < 9 { return nil }
            return s + 2  // a declaration: refused by ``token(_:_:)``
        default:
            var quote: UInt8 = 0
            var p = s + 1
            while p < count {
                let byte = buffer[p]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == ASCII.quote || byte == ASCII.apostrophe {
                    quote = byte
                } else if byte == XMLByte.greaterThan {
                    return p + 1
                }
                p += 1
            }
            return nil
        }
    }

    /// One tag, comment, processing instruction or CDATA section: `buffer[s..<e]`.
    private func token(_ s: Int, _ e: Int) throws(IngestError) {
        defer { sawFirstToken = true }
        switch buffer[s + 1] {
        case XMLByte.questionMark:
            if !sawFirstToken && buffer[s..<min(e, s + 6)].elementsEqual("<?xml ".utf8) { try declaration(s, e) }
        case XMLByte.exclamationMark:
            if buffer[s + 2] == XMLByte.hyphen { return }  // a comment
            if buffer[s + 2] == XMLByte.leftBracket {
                guard !open.isEmpty else { throw fail(at: s, "CDATA outside the root element") }
                if handler.wantsText { handler.characters(try validated(s + 9, e - 3, at: s)) }
                return
            }
            throw fail(at: s, "a document type declaration; XLSX parts have none, and it may define entities")
        case XMLByte.slash:
            var p = s + 2
            let name = try self.name(&p, at: s)
            skipWhitespace(&p)
            guard p == e - 1 else { throw fail(at: s, "text after the name in </\(name)>") }
            guard let expected = open.popLast() else { throw fail(at: s, "</\(name)> closes nothing") }
            guard expected == name else { throw fail(at: s, "</\(name)> closes <\(expected)>") }
            handler.end(Self.localName(name))
        default:
            guard !(open.isEmpty && sawRoot) else { throw fail(at: s, "a second root element") }
            var p = s + 1
            let name = try self.name(&p, at: s)
            var attributes: [String: String] = [:]
            let selfClosing = buffer[e - 2] == XMLByte.slash
            let attributesEnd = selfClosing ? e - 2 : e - 1
            while true {
                let before = p
                skipWhitespace(&p)
                if p >= attributesEnd { break }
                guard p > before else { throw fail(at: p, "no space before an attribute of <\(name)>") }
                let key = try self.name(&p, at: p)
                skipWhitespace(&p)
                guard p < attributesEnd, buffer[p] == XMLByte.equals else {
                    throw fail(at: p, "attribute \(key) of <\(name)> has no value")
                }
                p += 1
                skipWhitespace(&p)
                guard p < attributesEnd, buffer[p] == ASCII.quote || buffer[p] == ASCII.apostrophe else {
                    throw fail(at: p, "attribute \(key) of <\(name)> has an unquoted value")
                }
                let quote = buffer[p]
                let valueStart = p + 1
                p = valueStart
                while p < attributesEnd && buffer[p] != quote { p += 1 }
                guard p < attributesEnd else { throw fail(at: valueStart, "attribute \(key) of <\(name)> is not closed") }
                guard attributes[key] == nil else { throw fail(at: valueStart, "attribute \(key) repeated in <\(name)>") }
                attributes[key] = try decoded(valueStart, p, at: valueStart, isAttribute: true)
                p += 1
            }
            guard open.count < Self.depthLimit else { throw fail(at: s, "elements nested over \(Self.depthLimit) deep") }
            sawRoot = true
            let local = Self.localName(name)
            handler.start(local, attributes: attributes)
            if selfClosing {
                handler.end(local)
            } else {
                open.append(name)
            }
        }
    }

    /// `<?xml version="1.0" encoding="…"?>`: only UTF-8 (or no encoding named, which means UTF-8).
    private func declaration(_ s: Int, _ e: Int) throws(IngestError) {
        let text = String(decoding: buffer[s..<e], as: UTF8.self)
        guard let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let encoding = rest.prefix { $0 != "\"" && $0 != "'" && $0 != "?" }
        guard ["utf-8", "utf8"].contains(encoding.lowercased()) else {
            throw fail(at: s, "its declaration names the encoding '\(Excerpt.cut(String(encoding)))'; only UTF-8 parts are read")
        }
    }

    /// Character data between tags: whitespace outside the root; inside, handed on when wanted.
    private func text(_ s: Int, _ e: Int) throws(IngestError) {
        guard s < e else { return }
        if open.isEmpty {
            guard buffer[s..<e].allSatisfy(XMLByte.isXMLWhitespace) else { throw fail(at: s, "text outside the root element") }
            return
        }
        guard handler.wantsText else {
            // Unwanted text is skipped, but its references must still be well-formed.
            if buffer[s..<e].contains(XMLByte.ampersand) { _ = try decoded(s, e, at: s, isAttribute: false) }
            return
        }
        handler.characters(try decoded(s, e, at: s, isAttribute: false))
    }

    /// An XML name (element or attribute) at `p`, which moves past it: UTF-8, not starting with a
    /// digit, `-` or `.`, with none of the characters that delimit markup.
    private func name(_ p: inout Int, at position: Int) throws(IngestError) -> String {
        let s = p
        var ascii = true
        while p < filled {
            let byte = buffer[p]
            if XMLByte.isXMLWhitespace(byte) || byte == XMLByte.slash || byte == XMLByte.greaterThan || byte == XMLByte.equals {
                break
            }
            if byte < 0x20 || byte == XMLByte.lessThan || byte == ASCII.quote || byte == ASCII.apostrophe
                || byte == XMLByte.ampersand
            {
                throw fail(at: p, "the byte 0x\(String(byte, radix: 16)) in a name")
            }
            if byte >= 0x80 { ascii = false }
            p += 1
        }
        guard p > s else { throw fail(at: position, "a missing name") }
        let first = buffer[s]
        guard !(first >= XMLByte.zero && first <= XMLByte.nine), first != XMLByte.hyphen, first != XMLByte.period else {
            throw fail(at: s, "a name starting with '\(UnicodeScalar(first))'")
        }
        if ascii { return String(decoding: buffer[s..<p], as: UTF8.self) }
        guard let name = String(validating: buffer[s..<p], as: UTF8.self) else { throw fail(at: s, "a name that is not UTF-8") }
        return name
    }

    private func skipWhitespace(_ p: inout Int) {
        while p < filled && XMLByte.isXMLWhitespace(buffer[p]) { p += 1 }
    }

    private func validated(_ s: Int, _ e: Int, at position: Int) throws(IngestError) -> String {
        guard let text = String(validating: buffer[s..<e], as: UTF8.self) else {
            throw fail(at: position, "bytes that are not UTF-8")
        }
        return text
    }

    /// Text or an attribute value with its character references replaced, checked to be UTF-8.
    /// Attribute values have tabs and line ends normalised to spaces (XML 1.0 §3.3.3).
    private func decoded(_ s: Int, _ e: Int, at position: Int, isAttribute: Bool) throws(IngestError) -> String {
        let slice = buffer[s..<e]
        let needsWork =
            slice.contains(XMLByte.ampersand)
            || (isAttribute && slice.contains { $0 == ASCII.tab || $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn })
        if !needsWork { return try validated(s, e, at: position) }
        scratch.removeAll(keepingCapacity: true)
        var p = s
        while p < e {
            let byte = buffer[p]
            if byte == XMLByte.ampersand {
                guard let semicolon = buffer[p..<min(e, p + 12)].firstIndex(of: XMLByte.semicolon) else {
                    throw fail(at: p, "a bare '&'; write it as &amp;")
                }
                let reference = String(decoding: buffer[(p + 1)..<semicolon], as: UTF8.self)
                guard let scalar = Self.character(reference) else {
                    throw fail(at: p, "the entity &\(Excerpt.cut(reference)); which XLSX does not define")
                }
                Transcoder.appendUTF8(scalar, to: &scratch)
                p = semicolon + 1
            } else if isAttribute && (byte == ASCII.tab || byte == ASCII.lineFeed || byte == ASCII.carriageReturn) {
                scratch.append(ASCII.space)
                p += 1
            } else {
                if byte == XMLByte.lessThan && isAttribute { throw fail(at: p, "'<' in an attribute value") }
                scratch.append(byte)
                p += 1
            }
        }
        guard let text = String(validating: scratch, as: UTF8.self) else { throw fail(at: position, "bytes that are not UTF-8") }
        return text
    }

    /// The predefined entities and numeric character references (XML 1.0 §4.1, §4.6).
    static func character(_ reference: String) -> UInt32? {
        switch reference {
        case "lt": return 0x3C
        case "gt": return 0x3E
        case "amp": return 0x26
        case "quot": return 0x22
        case "apos": return 0x27
        default:
            let number: UInt32?
            if reference.hasPrefix("#x") {
                number = UInt32(reference.dropFirst(2), radix: 16)
            } else if reference.hasPrefix("#") {
                number = UInt32(reference.dropFirst(), radix: 10)
            } else {
                number = nil
            }
            guard let number, Unicode.Scalar(number) != nil, number != 0 else { return nil }
            return number
        }
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}

/// The bytes of XML markup the reader looks at.
enum XMLByte {
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let questionMark: UInt8 = 0x3F
    static let exclamationMark: UInt8 = 0x21
    static let hyphen: UInt8 = 0x2D
    static let leftBracket: UInt8 = 0x5B
    static let slash: UInt8 = 0x2F
    static let equals: UInt8 = 0x3D
    static let ampersand: UInt8 = 0x26
    static let semicolon: UInt8 = 0x3B
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let period: UInt8 = 0x2E

    /// Space, tab, line feed or carriage return (XML 1.0 §2.3 `S`).
    static func isXMLWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}

/// Text as cells hold it.
enum XMLText {
    /// The longest prefix of `text` of at most `bytes` UTF-8 bytes that ends on a character boundary:
    /// Excel's cell limit cuts a text node, never a character.
    static func prefix(_ text: String, fitting bytes: Int) -> Substring {
        guard text.utf8.count > bytes else { return text[...] }
        var used = 0
        var end = text.startIndex
        for character in text {
            used += character.utf8.count
            if used > bytes { break }
            end = text.index(after: end)
        }
        return text[..<end]
    }
}
