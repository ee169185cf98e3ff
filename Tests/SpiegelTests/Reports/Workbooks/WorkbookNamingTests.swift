import Foundation
import Testing

@testable import Spiegel

@Suite struct WorkbookNamingTests {
    @Test func schoolFileNamesAreReadableAndSafe() {
        #expect(
            WorkbookNaming.schoolFileName(School(id: "01AB", name: "Het Fictief College", partnership: "P01"))
                == "01AB Het Fictief College.xlsx")
        #expect(
            WorkbookNaming.schoolFileName(School(id: "02CD", name: "De/Proef: school?  \"nieuw\" ", partnership: "P01"))
                == "02CD De-Proef- school- -nieuw-.xlsx")
        #expect(WorkbookNaming.fileName("..verborgen.") == "verborgen.xlsx")
        #expect(WorkbookNaming.fileName("") == "Werkboek.xlsx")
        #expect(WorkbookNaming.fileName(String(repeating: "a", count: 300)).count == 120 + 5)
    }

    @Test func sharedNamesGetTheirDistinctionAndUniqueNamesStay() {
        let folder = URL(fileURLWithPath: "/tmp/personal/01AB")
        let urls = [
            "Persoonlijk 01AB Anna Jansen.xlsx", "Persoonlijk 01AB ANNA JANSEN.xlsx", "Persoonlijk 01AB Bram Bakker.xlsx",
            "Persoonlijk 01AB Anna Jansen.xlsx",
        ].map { folder.appendingPathComponent($0) }
        let distinct = WorkbookNaming.distinct(urls, distinctions: ["a.jansen", "a.jansen2", "b.bakker", "a.jansen"])
        #expect(
            distinct.map(\.lastPathComponent) == [
                "Persoonlijk 01AB Anna Jansen (a.jansen).xlsx", "Persoonlijk 01AB ANNA JANSEN (a.jansen2).xlsx",
                "Persoonlijk 01AB Bram Bakker.xlsx", "Persoonlijk 01AB Anna Jansen (a.jansen) (2).xlsx",
            ])
        #expect(Set(distinct.map { $0.path.lowercased() }).count == urls.count)
    }
}
