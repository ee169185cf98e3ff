import Testing
@testable import Spiegel

@Suite struct WorkbookNamingTests {
    @Test func schoolFileNamesAreReadableAndSafe() {
        #expect(WorkbookNaming.schoolFileName(School(id: "01AB", name: "Het Fictief College", partnership: "P01"))
                == "01AB Het Fictief College.xlsx")
        #expect(WorkbookNaming.schoolFileName(School(id: "02CD", name: "De/Proef: school?  \"nieuw\" ", partnership: "P01"))
                == "02CD De-Proef- school- -nieuw-.xlsx")
        #expect(WorkbookNaming.fileName("..verborgen.") == "verborgen.xlsx")
        #expect(WorkbookNaming.fileName("") == "Werkboek.xlsx")
        #expect(WorkbookNaming.fileName(String(repeating: "a", count: 300)).count == 120 + 5)
    }
}
