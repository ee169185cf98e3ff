import Foundation
import SpiegelTestSupport

@testable import Spiegel

/// A temporary folder holding a small valid configuration; each test replaces one file with a
/// variant and checks what loading it says.
struct ConfigurationFixture {
    let folder: URL

    init() throws {
        folder = try TestSupport.temporaryFolder("spiegel-config")
        try write("instruments/mini-zelfscan.yml", Self.selfScan)
        try write("instruments/mini-feedback.yml", Self.feedback)
        try write("instruments/mini-schoolscan.yml", Self.schoolScan)
        try write("registry.yml", Self.registry)
        try write("exports/zelfscan-2025.csv", "E-mail,Tijdstempel\n")
        try write("exports/zelfscan-2024.csv", "E-mail,Tijdstempel\n")
        try write("Pipeline.yml", Self.pipeline)
    }

    func write(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
    }

    /// The configuration file as a user names it on the command line: relative, so messages say `Pipeline.yml`.
    var pipelineURL: URL { URL(fileURLWithPath: "Pipeline.yml", relativeTo: folder) }

    func load() throws -> PipelineConfiguration {
        try PipelineConfiguration.load(from: pipelineURL)
    }

    /// The messages loading gives, one per error; empty when it loads.
    func errors() -> [String] {
        Self.messages { _ = try load() }
    }

    /// Writes `Pipeline.yml` and returns the messages loading it gives.
    func errors(pipeline: String) throws -> [String] {
        try write("Pipeline.yml", pipeline)
        return errors()
    }

    static func messages(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let errors as ConfigurationErrors {
            return errors.errors.map(\.description)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    static let selfScan = """
        id: mini-zelfscan
        title: Mini zelfscan
        roles: [self]
        subject: wpb
        scale: {min: 1, max: 7, labels: {1: Helemaal niet, 7: Helemaal}, not_answered: [n.v.t.]}
        areas:
          - {id: agogisch, name: Agogische bekwaamheden, short: Begeleider}
          - {id: ontwikkeling, name: Ontwikkelingsbekwaam}
        items:
          - {id: Z01, area: agogisch, text: Ik begeleid.}
          - {id: Z02, area: agogisch, text: Ik coach.}
          - {id: Z03, area: ontwikkeling, text: Ik ontwikkel.}
        """

    static let feedback = """
        id: mini-feedback
        title: Mini feedback
        roles: [student]
        subject: wpb
        scale: {min: 1, max: 7}
        areas:
          - {id: agogisch, name: Agogische bekwaamheden}
        items:
          - {id: S01, area: agogisch, text: De wpb begeleidt., mirrors: Z01}
        open_questions:
          - {id: S-FF1, area: agogisch, text: Welke feed forward heb je nog?}
        """

    static let schoolScan = """
        id: mini-schoolscan
        title: Mini schoolscan
        roles: [self, instituutsopleider]
        subject: school
        scale: {min: 1, max: 7}
        areas:
          - {id: actief-leren, name: Actief leren}
        items:
          - {id: V1, area: actief-leren, text: In welke mate is actief leren aanwezig?}
        """

    static let registry = """
        partnerships:
          - {id: P01, name: Partnerschap Test}
        schools:
          - {id: 01AB, name: Het Fictief College, partnership: P01}
          - {id: 02CD, name: Lyceum Verzonnen, partnership: P01}
        roster:
          - {school: 01AB, wpb: " A.Jansen@Fictief.NL ", name: Anna Jansen}
        """

    static let pipeline = """
        instruments: [instruments/*.yml]
        registry: registry.yml
        sources:
          - name: zelfscan
            files: exports/zelfscan-*.csv
            instrument: mini-zelfscan
            columns:
              respondent: E-mail
              submitted_at: Tijdstempel
        """
}
