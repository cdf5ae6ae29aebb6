//! A small table of Unicode character names for `\N{...}` escapes. Names
//! not in it (and not `CJK UNIFIED IDEOGRAPH-XXXX`) are reported as
//! unsupported rather than guessed.

/// (NAME, code point), sorted by name for binary search.
const NAMES: &[(&str, u32)] = &[
    ("ALMOST EQUAL TO", 0x2248),
    ("AMPERSAND", 0x0026),
    ("APOSTROPHE", 0x0027),
    ("ASTERISK", 0x002A),
    ("BALLOT X", 0x2717),
    ("BLACK CIRCLE", 0x25CF),
    ("BLACK DOWN-POINTING TRIANGLE", 0x25BC),
    ("BLACK HEART SUIT", 0x2665),
    ("BLACK RIGHT-POINTING TRIANGLE", 0x25B6),
    ("BLACK SQUARE", 0x25A0),
    ("BLACK STAR", 0x2605),
    ("BLACK SUN WITH RAYS", 0x2600),
    ("BOM", 0xFEFF),
    ("BOX DRAWINGS LIGHT HORIZONTAL", 0x2500),
    ("BOX DRAWINGS LIGHT VERTICAL", 0x2502),
    ("BULLET", 0x2022),
    ("BYTE ORDER MARK", 0xFEFF),
    ("CARRIAGE RETURN", 0x000D),
    ("CENT SIGN", 0x00A2),
    ("CHARACTER TABULATION", 0x0009),
    ("CHECK MARK", 0x2713),
    ("CIRCUMFLEX ACCENT", 0x005E),
    ("CJK UNIFIED IDEOGRAPH-4E2D", 0x4E2D),
    ("CLOUD", 0x2601),
    ("COLON", 0x003A),
    ("COMMA", 0x002C),
    ("COMMERCIAL AT", 0x0040),
    ("COPYRIGHT SIGN", 0x00A9),
    ("CROSS MARK", 0x274C),
    ("DAGGER", 0x2020),
    ("DEGREE SIGN", 0x00B0),
    ("DELETE", 0x007F),
    ("DIGIT ONE", 0x0031),
    ("DIGIT ZERO", 0x0030),
    ("DIVISION SIGN", 0x00F7),
    ("DOLLAR SIGN", 0x0024),
    ("DOUBLE DAGGER", 0x2021),
    ("DOUBLE-STRUCK CAPITAL R", 0x211D),
    ("DOWNWARDS ARROW", 0x2193),
    ("EARTH GLOBE AMERICAS", 0x1F30E),
    ("ELEMENT OF", 0x2208),
    ("EM DASH", 0x2014),
    ("EMPTY SET", 0x2205),
    ("EN DASH", 0x2013),
    ("EQUALS SIGN", 0x003D),
    ("ESCAPE", 0x001B),
    ("EURO SIGN", 0x20AC),
    ("EXCLAMATION MARK", 0x0021),
    ("FEMININE ORDINAL INDICATOR", 0x00AA),
    ("FIRE", 0x1F525),
    ("FOR ALL", 0x2200),
    ("FULL BLOCK", 0x2588),
    ("FULL STOP", 0x002E),
    ("GRAVE ACCENT", 0x0060),
    ("GREATER-THAN OR EQUAL TO", 0x2265),
    ("GREATER-THAN SIGN", 0x003E),
    ("GREEK CAPITAL LETTER DELTA", 0x0394),
    ("GREEK CAPITAL LETTER OMEGA", 0x03A9),
    ("GREEK CAPITAL LETTER SIGMA", 0x03A3),
    ("GREEK SMALL LETTER ALPHA", 0x03B1),
    ("GREEK SMALL LETTER BETA", 0x03B2),
    ("GREEK SMALL LETTER DELTA", 0x03B4),
    ("GREEK SMALL LETTER EPSILON", 0x03B5),
    ("GREEK SMALL LETTER GAMMA", 0x03B3),
    ("GREEK SMALL LETTER LAMDA", 0x03BB),
    ("GREEK SMALL LETTER MU", 0x03BC),
    ("GREEK SMALL LETTER OMEGA", 0x03C9),
    ("GREEK SMALL LETTER PI", 0x03C0),
    ("GREEK SMALL LETTER SIGMA", 0x03C3),
    ("GRINNING FACE", 0x1F600),
    ("HEAVY BLACK HEART", 0x2764),
    ("HEAVY CHECK MARK", 0x2714),
    ("HEAVY MULTIPLICATION X", 0x2716),
    ("HORIZONTAL ELLIPSIS", 0x2026),
    ("HOT BEVERAGE", 0x2615),
    ("HOURGLASS", 0x231B),
    ("HYPHEN-MINUS", 0x002D),
    ("INCREMENT", 0x2206),
    ("INFINITY", 0x221E),
    ("INTEGRAL", 0x222B),
    ("INTERSECTION", 0x2229),
    ("INVERTED EXCLAMATION MARK", 0x00A1),
    ("INVERTED QUESTION MARK", 0x00BF),
    ("LATIN CAPITAL LETTER A", 0x0041),
    ("LATIN CAPITAL LETTER A WITH DIAERESIS", 0x00C4),
    ("LATIN CAPITAL LETTER E WITH ACUTE", 0x00C9),
    ("LATIN CAPITAL LETTER O WITH DIAERESIS", 0x00D6),
    ("LATIN CAPITAL LETTER U WITH DIAERESIS", 0x00DC),
    ("LATIN SMALL LETTER A", 0x0061),
    ("LATIN SMALL LETTER A WITH DIAERESIS", 0x00E4),
    ("LATIN SMALL LETTER A WITH GRAVE", 0x00E0),
    ("LATIN SMALL LETTER C WITH CEDILLA", 0x00E7),
    ("LATIN SMALL LETTER E WITH ACUTE", 0x00E9),
    ("LATIN SMALL LETTER E WITH GRAVE", 0x00E8),
    ("LATIN SMALL LETTER N WITH TILDE", 0x00F1),
    ("LATIN SMALL LETTER O WITH DIAERESIS", 0x00F6),
    ("LATIN SMALL LETTER SHARP S", 0x00DF),
    ("LATIN SMALL LETTER U WITH DIAERESIS", 0x00FC),
    ("LEFT CURLY BRACKET", 0x007B),
    ("LEFT DOUBLE QUOTATION MARK", 0x201C),
    ("LEFT PARENTHESIS", 0x0028),
    ("LEFT RIGHT ARROW", 0x2194),
    ("LEFT SINGLE QUOTATION MARK", 0x2018),
    ("LEFT SQUARE BRACKET", 0x005B),
    ("LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", 0x00AB),
    ("LEFTWARDS ARROW", 0x2190),
    ("LESS-THAN OR EQUAL TO", 0x2264),
    ("LESS-THAN SIGN", 0x003C),
    ("LIGHT SHADE", 0x2591),
    ("LINE FEED", 0x000A),
    ("LOGICAL AND", 0x2227),
    ("LOGICAL OR", 0x2228),
    ("LOW LINE", 0x005F),
    ("MICRO SIGN", 0x00B5),
    ("MIDDLE DOT", 0x00B7),
    ("MULTIPLICATION SIGN", 0x00D7),
    ("MUSIC SHARP SIGN", 0x266F),
    ("N-ARY SUMMATION", 0x2211),
    ("NABLA", 0x2207),
    ("NO-BREAK SPACE", 0x00A0),
    ("NOT EQUAL TO", 0x2260),
    ("NULL", 0x0000),
    ("NUMBER SIGN", 0x0023),
    ("PARTIAL DIFFERENTIAL", 0x2202),
    ("PARTY POPPER", 0x1F389),
    ("PER MILLE SIGN", 0x2030),
    ("PERCENT SIGN", 0x0025),
    ("PILCROW SIGN", 0x00B6),
    ("PILE OF POO", 0x1F4A9),
    ("PLUS SIGN", 0x002B),
    ("PLUS-MINUS SIGN", 0x00B1),
    ("POUND SIGN", 0x00A3),
    ("PRIME", 0x2032),
    ("QUESTION MARK", 0x003F),
    ("QUOTATION MARK", 0x0022),
    ("REGISTERED SIGN", 0x00AE),
    ("REPLACEMENT CHARACTER", 0xFFFD),
    ("REVERSE SOLIDUS", 0x005C),
    ("RIGHT CURLY BRACKET", 0x007D),
    ("RIGHT DOUBLE QUOTATION MARK", 0x201D),
    ("RIGHT PARENTHESIS", 0x0029),
    ("RIGHT SINGLE QUOTATION MARK", 0x2019),
    ("RIGHT SQUARE BRACKET", 0x005D),
    ("RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", 0x00BB),
    ("RIGHTWARDS ARROW", 0x2192),
    ("ROCKET", 0x1F680),
    ("SECTION SIGN", 0x00A7),
    ("SEMICOLON", 0x003B),
    ("SNAKE", 0x1F40D),
    ("SNOWMAN", 0x2603),
    ("SOLIDUS", 0x002F),
    ("SPACE", 0x0020),
    ("SPARKLES", 0x2728),
    ("SQUARE ROOT", 0x221A),
    ("SUPERSCRIPT THREE", 0x00B3),
    ("SUPERSCRIPT TWO", 0x00B2),
    ("TAB", 0x0009),
    ("THERE EXISTS", 0x2203),
    ("THUMBS UP SIGN", 0x1F44D),
    ("TILDE", 0x007E),
    ("TRADE MARK SIGN", 0x2122),
    ("UMBRELLA", 0x2602),
    ("UNION", 0x222A),
    ("UPWARDS ARROW", 0x2191),
    ("VERTICAL LINE", 0x007C),
    ("VULGAR FRACTION ONE HALF", 0x00BD),
    ("VULGAR FRACTION ONE QUARTER", 0x00BC),
    ("WARNING SIGN", 0x26A0),
    ("WHITE CIRCLE", 0x25CB),
    ("WHITE SMILING FACE", 0x263A),
    ("WHITE SQUARE", 0x25A1),
    ("WHITE STAR", 0x2606),
    ("YEN SIGN", 0x00A5),
    ("ZERO WIDTH JOINER", 0x200D),
    ("ZERO WIDTH NO-BREAK SPACE", 0xFEFF),
    ("ZERO WIDTH SPACE", 0x200B),
];

/// The character named `name` (case-insensitive), if this table knows it.
pub(crate) fn lookup(name: &str) -> Option<char> {
    let upper = name.to_ascii_uppercase();
    if let Some(hex) = upper.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    let single = |rest: &str| {
        (rest.len() == 1)
            .then(|| rest.as_bytes()[0])
            .filter(u8::is_ascii_uppercase)
    };
    if let Some(c) = upper.strip_prefix("LATIN SMALL LETTER ").and_then(single) {
        return Some(c.to_ascii_lowercase() as char);
    }
    if let Some(c) = upper.strip_prefix("LATIN CAPITAL LETTER ").and_then(single) {
        return Some(c as char);
    }
    const DIGITS: [&str; 10] = [
        "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
    ];
    if let Some(d) = upper
        .strip_prefix("DIGIT ")
        .and_then(|r| DIGITS.iter().position(|&n| n == r))
    {
        return char::from_digit(d as u32, 10);
    }
    let i = NAMES
        .binary_search_by(|(n, _)| n.cmp(&upper.as_str()))
        .ok()?;
    char::from_u32(NAMES[i].1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_is_sorted() {
        assert!(super::NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(super::lookup("bullet"), Some('\u{2022}'));
    }
}
