/// Bounds on configuration YAML, checked on the raw text before it reaches the YAML parser.
///
/// libyaml (through Yams) builds its node tree recursively: a file nested 5,000 deep overflows the
/// stack (a segfault, not a message), and a 100 MB scalar keeps it busy for minutes. Configuration
/// never needs either, so a scan of the text, linear and without recursion, refuses them first with
/// a message naming the place.
enum YAMLLimits {
    /// Larger than a national registry of 20,000 wpbs (about 2 MB) by a wide margin.
    static let maximumFileSize = 16 << 20
    /// Nesting levels (block indentation, `- ` items and flow brackets together); Pipeline.yml needs about six.
    static let maximumDepth = 64
    /// One line; a whole registry written in flow style on one line stays well below.
    static let maximumLineLength = 4 << 20

    /// The first limit `text` exceeds, with its 1-based line and column, or nil.
    static func violation(in text: String) -> (problem: String, line: Int, column: Int)? {
        let bytes = text.utf8
        if bytes.count > maximumFileSize {
            return (
                "the file is \(bytes.count) bytes, more than the \(maximumFileSize >> 20) MiB a configuration file may have", 1, 1
            )
        }
        var line = 1
        var lineStart = true
        var indent = 0
        var column = 0
        /// Indentation of the open block levels.
        var blocks: [Int] = []
        var flowDepth = 0
        var quote: UInt8? = nil
        var comment = false
        var dashes = 0
        for byte in bytes {
            column += 1
            if byte == 0x0A {
                if column > maximumLineLength {
                    return ("line \(line) is \(column) bytes long, more than \(maximumLineLength >> 20) MiB", line, 1)
                }
                line += 1
                column = 0
                lineStart = true
                indent = 0
                dashes = 0
                comment = false
                if quote == 0x27 || quote == 0x22 { continue }  // a quoted scalar may span lines
                continue
            }
            if comment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if lineStart {
                if byte == 0x20 {
                    indent += 1
                    continue
                }
                if byte == 0x23 || byte == 0x0D {  // a comment line or an empty CRLF line opens no level
                    comment = byte == 0x23
                    continue
                }
                lineStart = false
                while let last = blocks.last, last >= indent { blocks.removeLast() }
                blocks.append(indent)
            }
            switch byte {
            case 0x2D where flowDepth == 0 && column == indent + 1 + dashes * 2:
                // `- - - x`: each dash opens a sequence level.
                dashes += 1
                blocks.append(indent + dashes * 2)
            case 0x5B, 0x7B: flowDepth += 1
            case 0x5D, 0x7D: flowDepth = max(0, flowDepth - 1)
            case 0x22, 0x27: quote = byte
            case 0x23: comment = true
            default: break
            }
            if blocks.count + flowDepth > maximumDepth {
                return (
                    "the YAML is nested more than \(maximumDepth) levels deep here; configuration never needs that", line, column
                )
            }
        }
        if column > maximumLineLength {
            return ("line \(line) is \(column) bytes long, more than \(maximumLineLength >> 20) MiB", line, 1)
        }
        return nil
    }
}
