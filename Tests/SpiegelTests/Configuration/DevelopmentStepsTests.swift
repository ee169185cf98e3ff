import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The "Aan de slag" steps are data: the shipped file covers every area of the shipped instruments, a partnership's
/// own file replaces it, and a wrong area id is reported at its place in the file.
@Suite struct DevelopmentStepsTests {
    @Test func theShippedStepsCoverEveryAreaWithTwoOrThreeSteps() throws {
        let configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        let steps = try #require(configuration.developmentSteps)
        let areas = Set(configuration.instruments.values.filter { $0.subjectKind == .supervisor }.flatMap { $0.areas.map(\.id) })
        #expect(Set(steps.steps.keys) == areas)
        for (area, list) in steps.steps { #expect((2...3).contains(list.count), "\(area): \(list.count) steps") }
        #expect(steps.source.contains("werkplekopleider"))
    }

    @Test func aPartnershipsOwnFileIsReadAndNoneSwitchesThemOff() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "eigen-stappen.yml",
            """
            source: "ons eigen kader"
            areas:
              agogisch: ["voer gesprekken", "kijk bij elkaar in de les"]
            """)
        try fixture.write("Pipeline.yml", ConfigurationFixture.pipeline + "\ndevelopment_steps: eigen-stappen.yml\n")
        let own = try #require(try fixture.load().developmentSteps)
        #expect(
            own
                == DevelopmentSteps(
                    source: "ons eigen kader", steps: ["agogisch": ["voer gesprekken", "kijk bij elkaar in de les"]]))
        try fixture.write("Pipeline.yml", ConfigurationFixture.pipeline + "\ndevelopment_steps: none\n")
        #expect(try fixture.load().developmentSteps == nil)
        // Without the key and without Data/development-steps.yml: no suggestions.
        try fixture.write("Pipeline.yml", ConfigurationFixture.pipeline)
        #expect(try fixture.load().developmentSteps == nil)
    }

    @Test func anUnknownAreaIsReportedWithFileLineAndColumn() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "stappen.yml",
            """
            source: "kader"
            areas:
              agogisch: ["voer gesprekken"]
              agogies: ["oefen"]
            """)
        let errors = try fixture.errors(pipeline: ConfigurationFixture.pipeline + "\ndevelopment_steps: stappen.yml\n")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("stappen.yml:4:3:") == true, "\(errors)")
        #expect(errors.first?.contains("agogies") == true && errors.first?.contains("ontwikkeling") == true)
    }
}
