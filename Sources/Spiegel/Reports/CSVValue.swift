import Foundation

/// One field's value, with its kind; `nil` payloads are missing values (empty fields).
enum CSVValue: Sendable, Equatable {
    case text(String?)
    case integer(Int?)
    case number(Double?)
    case boolean(Bool?)
    case date(Date?)
    case day(Day?)

    /// An empty field.
    static let missing = CSVValue.text(nil)
}
