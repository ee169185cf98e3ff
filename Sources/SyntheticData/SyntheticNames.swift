import Spiegel

/// Word lists for fictional Dutch people, schools and partnerships.
///
/// Combinations are invented; any likeness to a real school or person is accidental. E-mail
/// addresses use the reserved `.example` top-level domain (RFC 2606) so they can never reach anyone.
enum SyntheticNames {
    static let firstNames = [
        "Anna", "Bram", "Carla", "Daan", "Eva", "Floor", "Gijs", "Hanna", "Ilse", "Joost", "Kim", "Lars", "Marieke",
        "Noor", "Olaf", "Petra", "Quinten", "Rosa", "Sander", "Tessa", "Ufuk", "Vera", "Wouter", "Yara", "Zeynep",
        "Anouk", "Bas", "Chantal", "Dirk", "Esther", "Fenna", "Gerrit", "Hester", "Inge", "Jeroen", "Karin",
        "Lotte", "Mohammed", "Nadia", "Pieter", "Rik", "Sanne", "Thijs", "Ingrid", "Willem", "Yusuf", "Femke",
        "Martijn", "Laura", "Koen", "Sofie", "Ruben", "Mila", "Hamza", "Jasper", "Merel", "Stijn", "Lieke",
    ]

    /// Surnames with their particle (tussenvoegsel), which Dutch addresses fold into the local part.
    static let lastNames = [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
        "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
        "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden",
        "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster",
        "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Lange", "Kuipers", "van Wijk",
        "Yılmaz", "El Amrani", "Kaya", "Bouzid", "Nguyen", "Öztürk", "Postma", "Kramer", "Veenstra", "Hofman",
    ]

    static let schoolKinds = [
        "Het", "Christelijk College", "Scholengemeenschap", "Lyceum", "Montessori College", "Openbare Scholengroep",
        "Vakcollege", "Dalton College", "Stedelijk Gymnasium", "Praktijkschool", "Katholieke Scholengemeenschap",
        "Het Technisch College", "Vrije School", "Mavo", "Groen College",
    ]

    /// Invented proper names; with `Het` they read as "Het Wilgenhoek College".
    static let schoolNames = [
        "De Wilgenhoek", "Het Zonnedal", "De Meerpaal", "Het Lindeplein", "De Eikenlaan", "Het Rivierenland",
        "De Vaart", "Het Hoogveld", "De Populier", "Het Klaverveld", "De Brug", "Het Duinzicht", "De Beemd",
        "Het Kompas", "De Horizon", "Het Baken", "De Akker", "Het Veenhuis", "De Wetering", "Het Kastanjehof",
        "De Waterlinie", "Het Heidepark", "De Singel", "Het Molenveld", "De Kreek", "Het Zandpad", "De Linge",
        "Het Vlonder", "De Esch", "Het Weideland", "De Dijkhof", "Het Parkhuis", "De Terp", "Het Ganzenbord",
        "De Boomgaard", "Het Elzenbos", "De Zeeweg", "Het Hofplein", "De Lichtboei", "Het Wantij",
    ]

    static let regions = [
        "Rivierenland", "Veluwezoom", "Kop van het Noorden", "Zuidwestkust", "Heuvelland", "Gooi en Vecht",
        "Drechtsteden-Oost", "Waterland", "Peelrand", "Achterhoek-Noord", "Kempenland", "Duin en Bollen",
        "Vechtdal", "Westelijke Mijnstreek", "Eemvallei", "Zaanoever", "Lingewaard", "IJsselvallei", "Hondsrug",
        "Betuwe", "Markiezaat", "Schouwen", "Noordoostpolder-Zuid", "Krimpenerwaard", "Langstraat", "Maasduinen",
        "Utrechtse Heuvelrug", "Zeeuwse Delta", "Friese Wouden", "Twentse Esch",
    ]

    static let instituteNames = ["Hogeschool Samen Leren", "Lerarenopleiding Delta", "Instituut voor Leraren Noord"]

    /// Feed-forward comments; several contain commas, as real ones do.
    static let comments = [
        "Meer ruimte om zelf te experimenteren in de les.",
        "Graag vaker een korte nabespreking direct na de les.",
        "Fijne begeleiding, soms wat meer structuur in de weekplanning.",
        "Duidelijker aangeven wat je van mij verwacht bij de beoordeling.",
        "Blijf vooral zo betrokken!",
        "Koppel de opdrachten van de opleiding vaker aan wat er in de klas gebeurt.",
        "Ik zou graag eens meekijken bij een oudergesprek.",
        "Geef vaker feedback op mijn lesvoorbereiding, niet alleen op de uitvoering.",
        "Laat mij eerder zelfstandig een hele les geven.",
        "Meer aandacht voor klassenmanagement in de onderbouw.",
    ]

    /// A comment with everything that breaks naive CSV readers: a semicolon, a comma, quotes and a
    /// line break inside one field.
    static let trickyComment =
        "Graag meer feedback op mijn \"lesvoorbereiding\"; vooral bij de start, de instructie en de afsluiting.\nVerder: top begeleiding!"

    /// The local part of an e-mail address: first initial, then the surname without spaces,
    /// particles or diacritics (`a.vandenberg`).
    static func mailbox(first: String, last: String) -> String {
        let initial = first.prefix(1).lowercased()
        return initial + "." + asciiSlug(last)
    }

    /// Lowercase ASCII letters and digits only, for mail boxes and domains.
    static func asciiSlug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": result.unicodeScalars.append(scalar)
            case "ı", "ï", "í": result += "i"
            case "ö", "ó": result += "o"
            case "ü", "ú": result += "u"
            case "é", "ë", "è": result += "e"
            case "ç": result += "c"
            case "ş": result += "s"
            case "ğ": result += "g"
            default: continue
            }
        }
        return result
    }
}
