import Foundation

extension PipelineFileReader {
    /// The `development_steps` file: the path given, or `Data/development-steps.yml` when the key is absent and the
    /// file exists; `none` switches the suggestions off.
    func readDevelopmentSteps(_ value: YAMLValue?, instruments: LoadedInstruments) -> DevelopmentSteps? {
        let areas = Set(instruments.byID.values.flatMap { $0.instrument.areas.map(\.id) })
        guard let value else {
            let url = resolve(DevelopmentSteps.defaultPath)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return DevelopmentSteps.read(
                url, displayName: DevelopmentSteps.defaultPath, referencedAt: nil, areas: areas, diagnostics: diagnostics)
        }
        guard let path = value.string(), path != "none" else { return nil }
        return DevelopmentSteps.read(
            resolve(path), displayName: path, referencedAt: value.location, areas: areas, diagnostics: diagnostics)
    }
}
