import Spiegel

/// The ways survey tools write their exports, as the generator imitates them (docs/configuration.md).
package enum ExportStyle: String, Sendable, CaseIterable {
    /// Microsoft Forms opened and saved by Dutch Excel: `;`, UTF-8 with BOM, CRLF, question text as
    /// header, answers as labels (`6 - Grotendeels`), `Tijd van voltooien` as `d-M-yyyy HH:mm:ss`.
    case microsoftFormsDutchExcel = "msforms"
    /// Google Forms: `,`, no BOM, LF, question text as header, answers as numbers, `Tijdstempel` as
    /// `yyyy/MM/dd h:mm:ss a 'GMT'+1`.
    case googleForms = "googleforms"
    /// LimeSurvey: `,`, every field quoted, item codes as header, numbers, `submitdate` as
    /// `yyyy-MM-dd HH:mm:ss`.
    case limeSurvey = "limesurvey"

    /// Which tool a role's forms come from: wpbs and school teams use the school's Microsoft 365,
    /// schoolopleiders the partnership's LimeSurvey, students, the IO and any other rater group the
    /// institute's Google Forms.
    package static func `default`(for role: Role) -> ExportStyle {
        switch role {
        case .selfAssessment: .microsoftFormsDutchExcel
        case .schoolopleider: .limeSurvey
        default: .googleForms
        }
    }

    var delimiter: UInt8 { self == .microsoftFormsDutchExcel ? UInt8(ascii: ";") : UInt8(ascii: ",") }
    var lineEnding: [UInt8] { self == .microsoftFormsDutchExcel ? [0x0D, 0x0A] : [0x0A] }
    var byteOrderMark: Bool { self == .microsoftFormsDutchExcel }
    var quotesEveryField: Bool { self == .limeSurvey }
    /// Whether item columns are headed by the item's code rather than its text.
    var headsItemsByCode: Bool { self == .limeSurvey }

    var timestampFormat: LocalTime.Format {
        switch self {
        case .microsoftFormsDutchExcel: .dutchExcel
        case .googleForms: .googleForms
        case .limeSurvey: .iso
        }
    }

    /// The headers of the columns that identify a form, as `Pipeline.yml` maps them.
    var respondentHeader: String {
        switch self {
        case .microsoftFormsDutchExcel: "E-mail"
        case .googleForms: "E-mailadres"
        case .limeSurvey: "email"
        }
    }

    var subjectHeader: String {
        self == .limeSurvey ? "wpb" : "E-mailadres van je werkplekbegeleider"
    }

    var schoolHeader: String { self == .limeSurvey ? "school" : "School" }

    var submittedAtHeader: String {
        switch self {
        case .microsoftFormsDutchExcel: "Tijd van voltooien"
        case .googleForms: "Tijdstempel"
        case .limeSurvey: "submitdate"
        }
    }
}

/// One export the generator writes per wave: an instrument filled in by one role, in one style.
package struct SyntheticSource: Sendable, Equatable {
    /// The source's name in `Pipeline.yml`, also the file name's stem (`feedback-student-googleforms`).
    package var name: String
    package var instrument: String
    package var role: Role
    package var style: ExportStyle
    /// Whether `Pipeline.yml` must name the role (the instrument has several).
    package var roleIsAmbiguous: Bool

    /// The glob `Pipeline.yml` uses for this source's files.
    package var filePattern: String { "Data/exports/\(name)-*.csv" }

    /// The export of one wave, relative to the output folder.
    package func file(wave: Wave) -> String { "Data/exports/\(name)-\(wave.id).csv" }
}
