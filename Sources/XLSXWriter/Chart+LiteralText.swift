extension Chart {
    /// `text` as libxlsxwriter will show it literally.
    ///
    /// `chart_title_set_name` and `chart_series_set_name` read a name starting with `=` as a formula
    /// (`=Sheet1!$A$1`), and libxlsxwriter 1.1.4 has no flag to say "this is text". A zero-width
    /// space (U+200B) in front keeps the text as typed on screen while no longer starting with `=`,
    /// so a school or wpb named `=Bakker` is a title, never a reference.
    static func literal(_ text: String) -> String {
        text.hasPrefix("=") ? "\u{200B}" + text : text
    }
}
