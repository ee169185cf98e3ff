import Crypto
import Foundation

/// The ledger's file format: compact binary with a checksum, so a damaged file is noticed, never half read.
///
/// `SPGLEDGR`, a version byte, a string table, the member table (each keyed id once, 8 bytes), the releases
/// (populations as delta-coded indices into the member table, figures with string indices), and the SHA-256
/// of everything before it. Integers are LEB128 varints; values are IEEE doubles, so a frozen wave renders
/// exactly as first released.
extension ReleaseLedger {
    static let magic = Array("SPGLEDGR".utf8)

    /// The file's bytes.
    func encoded() -> Data {
        if let decodedFrom { return decodedFrom }
        var strings = StringTable()
        var members = MemberTable()
        var body = ByteWriter()
        body.varint(strings.index(keyFingerprint))
        body.varint(strings.index(outputFolder))
        body.varint(events.count)
        for event in events { body.varint(strings.index(event)) }
        body.varint(releases.count)
        for release in releases {
            body.varint(strings.index(release.wave))
            body.day(release.day)
            body.varint(release.minimumGroupSize)
            body.varint(release.populations.count)
            for population in release.populations {
                let indices = population.map { members.index($0) }.sorted()
                body.varint(indices.count)
                var last = 0
                for index in indices {
                    body.varint(index - last)
                    last = index
                }
            }
            body.varint(release.figures.count)
            for figure in release.figures {
                body.bytes.append(figure.kind.rawValue)
                for text in [figure.unit, figure.area, figure.fromWave, figure.name] { body.varint(strings.index(text)) }
                body.varint(figure.population.map { $0 + 1 } ?? 0)
                body.varint(figure.values.count)
                for value in figure.values { body.double(value) }
                body.reason(figure.withheld)
            }
        }
        var file = ByteWriter()
        file.bytes = Self.magic + [Self.formatVersion]
        file.varint(strings.texts.count)
        for text in strings.texts {
            let utf8 = Array(text.utf8)
            file.varint(utf8.count)
            file.bytes += utf8
        }
        file.varint(members.ids.count)
        for id in members.ids { file.uint64(id) }
        file.bytes += body.bytes
        file.bytes += Array(SHA256.hash(data: file.bytes))
        return Data(file.bytes)
    }

    /// Reads a ledger file's bytes; throws ``ReleaseLedgerError/unreadable(path:reason:)`` on any damage.
    static func decode(_ data: Data, path: String) throws -> ReleaseLedger {
        let bytes = [UInt8](data)
        func damaged(_ reason: String) -> ReleaseLedgerError { .unreadable(path: path, reason: reason) }
        guard bytes.count > magic.count + 1 + 32, Array(bytes.prefix(magic.count)) == magic else {
            throw damaged("not a Spiegel release ledger")
        }
        guard bytes[magic.count] == formatVersion else {
            throw damaged("format version \(bytes[magic.count]); this Spiegel reads version \(formatVersion)")
        }
        let checksum = Array(bytes.suffix(32)), content = Array(bytes.dropLast(32))
        guard Array(SHA256.hash(data: content)) == checksum else {
            throw damaged("its checksum does not match (the file is damaged)")
        }
        var reader = ByteReader(bytes: content, offset: magic.count + 1)
        do {
            var strings: [String] = []
            for _ in 0..<(try reader.count()) {
                let length = try reader.count()
                guard let text = String(bytes: try reader.take(length), encoding: .utf8) else { throw ByteReader.Damage() }
                strings.append(text)
            }
            func string() throws -> String {
                let index = try reader.count()
                guard index < strings.count else { throw ByteReader.Damage() }
                return strings[index]
            }
            var ids: [UInt64] = []
            for _ in 0..<(try reader.count()) { ids.append(try reader.uint64()) }
            var ledger = ReleaseLedger(keyFingerprint: try string(), outputFolder: try string())
            for _ in 0..<(try reader.count()) { ledger.events.append(try string()) }
            for _ in 0..<(try reader.count()) {
                var release = WaveRelease(wave: try string(), day: try reader.day(), minimumGroupSize: try reader.count())
                for _ in 0..<(try reader.count()) {
                    var population: [UInt64] = []
                    var index = 0
                    for _ in 0..<(try reader.count()) {
                        index += try reader.count()
                        guard index < ids.count else { throw ByteReader.Damage() }
                        population.append(ids[index])
                    }
                    release.populations.append(population.sorted())
                }
                for _ in 0..<(try reader.count()) {
                    guard let kind = LedgerFigure.Kind(rawValue: try reader.byte()) else { throw ByteReader.Damage() }
                    let unit = try string(), area = try string(), fromWave = try string(), name = try string()
                    let population = try reader.count()
                    guard population <= release.populations.count else { throw ByteReader.Damage() }
                    var values: [Double] = []
                    for _ in 0..<(try reader.count()) { values.append(try reader.double()) }
                    release.figures.append(
                        LedgerFigure(
                            kind: kind, unit: unit, area: area, fromWave: fromWave, name: name,
                            population: population == 0 ? nil : population - 1, values: values, withheld: try reader.reason()))
                }
                ledger.releases.append(release)
            }
            guard reader.offset == content.count else { throw ByteReader.Damage() }
            ledger.decodedFrom = data
            return ledger
        } catch {
            throw damaged("its contents do not parse")
        }
    }
}

/// Strings once each, referred to by index.
private struct StringTable {
    var texts: [String] = []
    var indices: [String: Int] = [:]

    mutating func index(_ text: String) -> Int {
        if let index = indices[text] { return index }
        texts.append(text)
        indices[text] = texts.count - 1
        return texts.count - 1
    }
}

/// Member ids once each, in order of first appearance: a school's members sit together, so deltas stay small.
private struct MemberTable {
    var ids: [UInt64] = []
    var indices: [UInt64: Int] = [:]

    mutating func index(_ id: UInt64) -> Int {
        if let index = indices[id] { return index }
        ids.append(id)
        indices[id] = ids.count - 1
        return ids.count - 1
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: Int) {
        var rest = UInt64(max(0, value))
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func day(_ day: Day) {
        varint(day.year)
        varint(day.month)
        varint(day.day)
    }

    mutating func reason(_ reason: WithholdingReason?) {
        switch reason {
        case nil: bytes.append(0)
        case let .smallGroup(n, minimum)?:
            bytes.append(1)
            varint(n)
            varint(minimum)
        case let .waveOpen(closes)?:
            bytes.append(2)
            day(closes)
        case .dominantCategory?: bytes.append(3)
        case let .rolePopulationDiffers(minimum)?:
            bytes.append(4)
            varint(minimum)
        case let .panelDiffers(minimum)?:
            bytes.append(5)
            varint(minimum)
        case let .tooFewSchools(schools, minimum)?:
            bytes.append(6)
            varint(schools)
            varint(minimum)
        case let .lateChange(minimum)?:
            bytes.append(7)
            varint(minimum)
        case let .auditFailed(minimum)?:
            bytes.append(8)
            varint(minimum)
        case .itemPopulationDiffers?: bytes.append(9)
        }
    }
}

private struct ByteReader {
    struct Damage: Error {}

    let bytes: [UInt8]
    var offset: Int

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Damage() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= bytes.count else { throw Damage() }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Damage() }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A varint that is a count or an index: small enough to be one.
    mutating func count() throws -> Int {
        let value = try varint()
        guard value <= UInt64(Int32.max) else { throw Damage() }
        return Int(value)
    }

    mutating func uint64() throws -> UInt64 {
        try take(8).enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
    }

    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    mutating func day() throws -> Day { Day(year: try count(), month: try count(), day: try count()) }

    mutating func reason() throws -> WithholdingReason? {
        switch try byte() {
        case 0: return nil
        case 1: return .smallGroup(n: try count(), minimum: try count())
        case 2: return .waveOpen(closes: try day())
        case 3: return .dominantCategory
        case 4: return .rolePopulationDiffers(minimum: try count())
        case 5: return .panelDiffers(minimum: try count())
        case 6: return .tooFewSchools(schools: try count(), minimum: try count())
        case 7: return .lateChange(minimum: try count())
        case 8: return .auditFailed(minimum: try count())
        case 9: return .itemPopulationDiffers
        default: throw Damage()
        }
    }
}
