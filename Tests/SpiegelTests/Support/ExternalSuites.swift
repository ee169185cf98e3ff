import Foundation
import SpiegelTestSupport
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a suite only when the external conformance suites (`../shared/testdata`) are beside the
    /// clone; elsewhere it is reported as skipped with this reason. The team's own fixtures in
    /// `Tests/SpiegelTests/Ingest/CSV/ConformanceFixtureTests.swift` cover the same kinds of case everywhere.
    static var externalSuites: Self {
        .enabled(
            if: TestSupport.sharedTestData != nil,
            "../shared/testdata (external conformance suites) is not beside this clone; own fixtures cover the same cases")
    }
}
