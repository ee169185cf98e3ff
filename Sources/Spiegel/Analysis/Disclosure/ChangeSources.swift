/// The releases of a ledger with, per release, the earlier waves of its changes: which releases hold a change
/// out of a wave, found without reading every figure of the ledger for every wave a night releases.
struct ChangeSources {
    private(set) var releases: [WaveRelease] = []
    /// Per release: the earlier waves of its changes.
    private var sources: [Set<String>] = []

    init(_ releases: [WaveRelease]) {
        for release in releases { append(release) }
    }

    mutating func append(_ release: WaveRelease) {
        var earlier = Set<String>()
        for figure in release.figures where figure.kind == .change && !figure.fromWave.isEmpty {
            earlier.insert(figure.fromWave)
        }
        releases.append(release)
        sources.append(earlier)
    }

    /// Every release of `wave`, oldest first.
    func history(of wave: String) -> [WaveRelease] { releases.filter { $0.wave == wave } }

    /// The releases that hold a change out of `wave` (from it into a later wave), oldest first.
    func changes(outOf wave: String) -> [WaveRelease] { zip(releases, sources).filter { $0.1.contains(wave) }.map(\.0) }
}
