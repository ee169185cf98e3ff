import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the release ledger lives and how a night opens and saves it (docs/operations.md, "The release ledger").
///
/// The ledger is kept beside `Pipeline.yml` (like the pseudonym key: coordinator state, not a report), 0600, and
/// copied 0600 into every published run. A ledger that is gone while runs were published, damaged, made with
/// another key or for another output folder stops the run (``RunError/ledgerUnavailable(_:)``): MT and public
/// figures are never silently released afresh. The ways out are `spiegel ledger restore` and
/// `spiegel run --new-ledger`.
struct ReleaseLedgerStore: Sendable {
    let url: URL
    let outputFolder: URL

    init(configuration: PipelineConfiguration) {
        url = configuration.file.deletingLastPathComponent().appendingPathComponent(ReleaseLedger.fileName)
        outputFolder = configuration.output.folder.standardizedFileURL
    }

    /// The ledger tonight's release starts from, and notes for the summary.
    ///
    /// - Parameters:
    ///   - key: the pseudonym key, when there is one (ids are keyed by it).
    ///   - startNew: the coordinator's `--new-ledger`.
    ///   - publishedRuns: runs already published into the output folder (a missing ledger is then lost).
    func open(
        key: PseudonymKey?, startNew: Bool, publishedRuns: [String], day: Day
    ) throws -> (
        ledger: ReleaseLedger, memberIDs: LedgerMemberIDs, notes: [String]
    ) {
        let fm = FileManager.default
        if startNew || (!fm.fileExists(atPath: url.path) && publishedRuns.isEmpty) {
            let ids = key.map(LedgerMemberIDs.init(key:)) ?? LedgerMemberIDs()
            let how = startNew ? "started by the coordinator (--new-ledger)" : "started (first run into this output folder)"
            var ledger = ReleaseLedger(keyFingerprint: ids.fingerprint, outputFolder: outputFolder.path)
            ledger.events.append("\(day): new ledger \(how)")
            var notes = ["Release ledger \(how): \(url.path)."]
            if startNew, !publishedRuns.isEmpty {
                notes.append(
                    "A new release ledger means closed waves are released afresh tonight: a late form in them can now be "
                        + "told apart by comparing with earlier MT workbooks. Only do this when no earlier release can be restored."
                )
            }
            return (ledger, ids, notes)
        }
        guard fm.fileExists(atPath: url.path) else {
            throw RunError.ledgerUnavailable(
                "The release ledger \(url.path) is missing, but runs were published into \(outputFolder.path).")
        }
        let ledger: ReleaseLedger
        do {
            ledger = try ReleaseLedger.decode(try Data(contentsOf: url), path: url.path)
        } catch let error as ReleaseLedgerError {
            throw RunError.ledgerUnavailable(error.description)
        } catch {
            throw RunError.ledgerUnavailable("The release ledger \(url.path) cannot be read: \(error.localizedDescription).")
        }
        let ids: LedgerMemberIDs
        if let salt = LedgerMemberIDs.salt(of: ledger.keyFingerprint) {
            // Started without a key: its salt stays its key, also once a pseudonym key exists.
            ids = LedgerMemberIDs(salt: salt)
        } else if let key, LedgerMemberIDs(key: key).fingerprint == ledger.keyFingerprint {
            ids = LedgerMemberIDs(key: key)
        } else {
            throw RunError.ledgerUnavailable(
                "The release ledger \(url.path) was made with another pseudonym key: its ids do not match tonight's. "
                    + "Put the key it was made with back; after a planned rotation start a new ledger with --new-ledger "
                    + "(docs/operations.md, \"The pseudonym key\").")
        }
        guard ledger.outputFolder == outputFolder.path else {
            throw RunError.ledgerUnavailable(
                "The release ledger \(url.path) belongs to the output folder \(ledger.outputFolder), but Pipeline.yml now "
                    + "writes to \(outputFolder.path).")
        }
        return (ledger, ids, [])
    }

    /// Writes `ledger` 0600 into the staged run.
    ///
    /// Only the staged copy is written here: the ledger beside `Pipeline.yml` changes once the run is published
    /// (``install(from:)``), so a night that stops or is kept aside on an alarm never freezes its figures.
    func stage(_ ledger: ReleaseLedger, into staged: URL) throws {
        try Self.writePrivately(ledger.encoded(), to: staged.appendingPathComponent(ReleaseLedger.fileName))
    }

    /// Makes the ledger copy of a run that was just published the ledger beside `Pipeline.yml`.
    func install(from published: URL) throws {
        try Self.writePrivately(try Data(contentsOf: published.appendingPathComponent(ReleaseLedger.fileName)), to: url)
    }

    /// Takes over the ledger copy of the last published run when it extends the ledger beside `Pipeline.yml`: the
    /// night that published it stopped before it could install it, and its MT workbooks are out. Returns a note.
    func catchUp(withPublished latest: URL) -> String? {
        let copy = latest.appendingPathComponent(ReleaseLedger.fileName)
        guard let published = try? Data(contentsOf: copy), let current = try? Data(contentsOf: url), published != current,
            let newer = try? ReleaseLedger.decode(published, path: copy.path),
            let older = try? ReleaseLedger.decode(current, path: url.path),
            newer.keyFingerprint == older.keyFingerprint, newer.outputFolder == older.outputFolder,
            newer.releases.count > older.releases.count, newer.releases.starts(with: older.releases),
            (try? Self.writePrivately(published, to: url)) != nil
        else { return nil }
        return "The release ledger was behind the last published run (that night stopped before saving it); "
            + "taken over from \(copy.path)."
    }

    /// Replaces the ledger by the copy in a published run, bound to the current output folder.
    ///
    /// - Returns: what was restored, for the command's message.
    func restore(from run: URL, key: PseudonymKey?) throws -> String {
        let copy = run.appendingPathComponent(ReleaseLedger.fileName)
        guard FileManager.default.fileExists(atPath: copy.path) else {
            throw RunError.ledgerUnavailable("The run \(run.path) holds no \(ReleaseLedger.fileName).")
        }
        var ledger: ReleaseLedger
        do {
            ledger = try ReleaseLedger.decode(try Data(contentsOf: copy), path: copy.path)
        } catch {
            throw RunError.ledgerUnavailable("\(error)")
        }
        if LedgerMemberIDs.salt(of: ledger.keyFingerprint) == nil,
            key.map({ LedgerMemberIDs(key: $0).fingerprint }) != ledger.keyFingerprint
        {
            throw RunError.ledgerUnavailable(
                "The ledger in \(run.path) was made with another pseudonym key: put that key back first.")
        }
        ledger.events.append("restored from \(run.path) for \(outputFolder.path)")
        ledger.outputFolder = outputFolder.path
        try Self.writePrivately(ledger.encoded(), to: url)
        let waves = Set(ledger.releases.map(\.wave)).sorted()
        return "Restored the release ledger \(url.path) from \(copy.path): \(ledger.releases.count) releases of "
            + "\(waves.count) waves (\(waves.joined(separator: ", ")))."
    }

    /// Writes `data` to `url` through a temporary file created 0600 (whatever the umask), renamed into place.
    static func writePrivately(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        unlink(temporary.path)
        #if canImport(Glibc)
        let descriptor = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #else
        let descriptor = Darwin.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #endif
        guard descriptor >= 0 else {
            throw RunError.cannotCreate(path: temporary.path, reason: String(cString: strerror(errno)))
        }
        _ = fchmod(descriptor, 0o600)
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw RunError.cannotCreate(path: url.path, reason: reason)
        }
    }
}
