// The one money parser, ISO 4217 codes, characters refused in names, and how messages quote input.
import Foundation
import XCTest

@testable import FrontDeskCore

final class MoneyParserTests: XCTestCase {
    func testAcceptedForms() throws {
        let accepted: [(String, Int, Bool, Int64)] = [
            ("0", 2, false, 0), ("5", 2, false, 500), ("1500", 2, false, 150_000), ("1,500", 2, false, 150_000),
            ("1,500.5", 2, false, 150_050), ("1,234,567.89", 2, false, 123_456_789), ("1234567.89", 2, false, 123_456_789),
            ("0.07", 2, false, 7), (" 12.30 ", 2, false, 1230), ("007", 2, false, 700), ("999", 2, false, 99_900),
            ("2500", 0, false, 2500), ("2,500", 0, false, 2500), ("1.250", 3, false, 1250), ("0.0001", 4, false, 1),
            ("-5", 2, true, -500), ("+5", 2, true, 500), ("-1,000.01", 2, true, -100_001),
            ("90,071,992,547,409.91", 2, false, Money.maxMinor), ("9007199254740991", 0, false, Money.maxMinor),
            ("-90071992547409.91", 2, true, -Money.maxMinor),
        ]
        for (text, units, sign, expected) in accepted {
            XCTAssertEqual(try Money.parse(text, minorUnits: units, allowSign: sign), expected, "'\(text)'")
        }
    }

    func testRefusedFormsSayWhy() {
        let refused: [(String, Int, String)] = [
            ("1,50", 2, "'1,50' is not an amount: use 1.50 (a point before decimals), or 150"),
            ("1,2,3", 2, "commas go only between groups of three digits, as in 1,234,567.89"),
            (",,,5", 2, "commas go only between groups of three digits"),
            ("1,", 2, "commas go only between groups of three digits"),
            (",500", 2, "commas go only between groups of three digits"),
            ("1,,500", 2, "commas go only between groups of three digits"),
            ("1234,567", 2, "commas go only between groups of three digits"),
            ("1,5000", 2, "commas go only between groups of three digits"),
            ("0,500", 2, "commas go only between groups of three digits"),
            ("1.000,50", 2, "commas go only between groups of three digits before the point"),
            ("1.234", 2, "has more than 2 decimals"), ("1.5", 0, "this currency has no decimals"),
            ("1.2345", 3, "has more than 3 decimals"),
            ("", 2, "is empty"), ("   ", 2, "is empty"), (".50", 2, "write the whole part too (e.g. 0.50)"),
            ("150.", 2, "write the decimals after the point"), ("1.2.3", 2, "use digits, commas between thousands"),
            ("-5", 2, "without a sign"), ("+5", 2, "without a sign"), ("−5", 2, "without a sign"),
            ("abc", 2, "is not an amount"), ("12e3", 2, "is not an amount"), ("1 500", 2, "is not an amount"),
            ("١٢٣", 2, "is not an amount"), ("0x10", 2, "is not an amount"), ("nan", 2, "is not an amount"),
            ("90,071,992,547,409.92", 2, "is too large; the most is 90,071,992,547,409.91"),
            ("9007199254740992", 0, "is too large"), ("92233720368547758.08", 2, "is too large"),
            (String(repeating: "9", count: 10_000), 2, "is too large"),
        ]
        for (text, units, expected) in refused {
            XCTAssertThrowsError(try Money.parse(text, minorUnits: units, field: "fee"), "'\(text)' was accepted") { error in
                guard let problem = error as? ValidationError else { return XCTFail("\(error)") }
                XCTAssertEqual(problem.field, "fee")
                XCTAssertTrue(problem.message.contains(expected), "'\(text)': \(problem.message)")
                XCTAssertLessThan(problem.description.count, 200, "a message quotes a little of the input")
            }
        }
        XCTAssertThrowsError(try Money.parse("-90,071,992,547,409.92", minorUnits: 2, allowSign: true))
    }

    func testFormatThenParseIsTheSameAmount() throws {
        for units in [0, 2, 3] {
            for minor: Int64 in [0, 1, 7, 99, 100, 1_000, 123_456_789, Money.maxMinor] {
                XCTAssertEqual(try Money.parse(Money.format(minor, minorUnits: units), minorUnits: units), minor)
            }
        }
    }
}

final class CurrencyTests: XCTestCase {
    func testOnlyActiveISO4217CodesWithTheirMinorUnits() throws {
        XCTAssertEqual(try Validate.currency(" kes ").code, "KES")
        XCTAssertEqual(try Validate.currency("KES").minorUnits, 2)
        XCTAssertEqual(try Validate.currency("JPY").minorUnits, 0)
        XCTAssertEqual(try Validate.currency("UGX").minorUnits, 0)
        XCTAssertEqual(try Validate.currency("KWD").minorUnits, 3)
        XCTAssertEqual(try Validate.currency("CLF").minorUnits, 4)
        for code in ["ZZZ", "XXX", "XAU", "XTS", "ABC", "HRK"] {
            XCTAssertThrowsError(try Validate.currency(code)) { error in
                XCTAssertEqual("\(error)", "currency: \(code) is not an active ISO 4217 currency code (e.g. KES, USD, EUR)")
            }
        }
        XCTAssertThrowsError(try Validate.currency("K3S"))
        XCTAssertGreaterThan(Currency.iso4217.count, 150)
        let all = [Currency.twoDecimals, Currency.zeroDecimals, Currency.threeDecimals, Currency.fourDecimals]
            .flatMap { $0.split(whereSeparator: \.isWhitespace) }
        XCTAssertEqual(all.count, Currency.iso4217.count, "no code is listed twice")
        XCTAssertTrue(all.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
    }
}

final class TextRulesTests: XCTestCase {
    func testInvisibleAndReorderingCharactersAreRefusedInNamesAndFreeText() {
        let refused: [(String, String)] = [
            ("Amina\u{2028}Okafor", "a line break (U+2028)"), ("Amina\u{2029}", "a line break (U+2029)"),
            ("Ami\u{7}na", "a control character (U+0007)"), ("Ami\u{B}na", "a line break (U+000B)"),
            ("Ami\u{85}na", "a line break (U+0085)"), ("Ami\u{9B}na", "a control character (U+009B)"), ("\u{0}", "a control character (U+0000)"),
            ("Amina\u{202E}rofakO", "a text-direction control (U+202E)"), ("\u{202A}Amina", "a text-direction control (U+202A)"),
            ("Amina\u{2066}x\u{2069}", "a text-direction control (U+2066)"), ("Amina\u{2069}", "a text-direction control (U+2069)"),
            ("Am\u{200E}ina", "a text-direction control (U+200E)"), ("Am\u{200F}ina", "a text-direction control (U+200F)"),
            ("Am\u{61C}ina", "a text-direction control (U+061C)"),
            ("Am\u{200B}ina", "a zero-width character (U+200B)"), ("\u{FEFF}Amina", "a zero-width character (U+FEFF)"),
            ("Am\u{2060}ina", "a zero-width character (U+2060)"), ("Am\u{AD}ina", "an invisible character (U+00AD)"),
            ("Amina\u{E0041}", "an invisible character (U+E0041)"), ("Amina\u{FFFF}", "an invisible character (U+FFFF)"),
            // ZWJ/ZWNJ only between letters: not at an edge, not beside a space.
            ("\u{200D}Amina", "a zero-width character (U+200D)"), ("Amina\u{200C}", "a zero-width character (U+200C)"),
            ("Amina\u{200D}", "a zero-width character (U+200D)"),
            ("Amina \u{200C}Okafor", "a zero-width character (U+200C)"),
        ]
        for (text, what) in refused {
            XCTAssertThrowsError(try Validate.name(text, field: "first name"), "\(text.debugDescription) was accepted") { error in
                XCTAssertEqual(error as? ValidationError, ValidationError("first name", "contains \(what); type it again without it"))
            }
            XCTAssertThrowsError(try Validate.text(text, field: "address", maxLength: 500)) { error in
                XCTAssertEqual((error as? ValidationError)?.field, "address")
            }
        }
    }

    func testScriptsThatNeedJoinersKeepThem() throws {
        // Persian "Mehrnoosh" written with ZWNJ inside; Malayalam and Sinhala with ZWJ; Devanagari half form with ZWNJ.
        for name in ["مهر\u{200C}نوش", "ന്\u{200D}", "ശ്രീ\u{200D}ലക്ഷ്മി", "ශ්\u{200D}රී", "क्\u{200C}ष", "Nguyễn Thị Ánh", "Ólafur", "Zoë O'Brien-Smith"] {
            XCTAssertNoThrow(try Validate.name(name, field: "first name"), name)
        }
        XCTAssertEqual(try Validate.name("  Amina   Okafor ", field: "name"), "Amina Okafor")
        // A CSV cell's line break or a tab in a name folds to a space, as other spaces do; free text refuses them.
        XCTAssertEqual(try Validate.name("Amina\r\nOkafor\t", field: "name"), "Amina Okafor")
        XCTAssertThrowsError(try Validate.text("12 Moi\nAvenue", field: "address", maxLength: 40)) { error in
            XCTAssertEqual("\(error)", "address: contains a line break (U+000A); type it again without it")
        }
        XCTAssertThrowsError(try Validate.text("12 Moi\tAvenue", field: "address", maxLength: 40))
        XCTAssertEqual(try Validate.text("  12 Moi Avenue ", field: "address", maxLength: 40), "12 Moi Avenue")
        XCTAssertNil(try Validate.text("   ", field: "address", maxLength: 40))
    }
}

final class QuoteTests: XCTestCase {
    func testExcerptsAreShortAndShowInvisibleCharacters() {
        XCTAssertEqual(Quote.excerpt("Amina"), "Amina")
        XCTAssertEqual(Quote.excerpt(String(repeating: "x", count: 80)), String(repeating: "x", count: 80))
        XCTAssertEqual(Quote.excerpt(String(repeating: "x", count: 1_000_000)), String(repeating: "x", count: 80) + "…")
        XCTAssertEqual(Quote.excerpt("abc\u{202E}def\n"), "abc<U+202E>def<U+000A>")
        XCTAssertEqual(Quote.excerpt("مهر\u{200C}نوش"), "مهر\u{200C}نوش", "a joiner inside a word is shown as it is")
        XCTAssertEqual(Quote.list(["a", "b"]), "a, b")
        let many = (1...1_000_000).map { "column\($0)" }
        XCTAssertEqual(Quote.list(many), (1...10).map { "column\($0)" }.joined(separator: ", ") + " … and 999990 more")
        XCTAssertEqual(ValidationError("x", String(repeating: "y", count: 5_000)).message.count, 2001)
    }
}

/// A patient's name: any script, but no brackets, semicolons or symbols; text that was not UTF-8 refused.
final class PersonNameTests: XCTestCase {
    func testNamesOfEveryScriptAndTheirPunctuationAreTaken() throws {
        for name in ["Nguyễn Thị Ánh", "O'Brien", "Mary-Jane", "Adébáyọ̀", "王秀英", "Baby 2", "St. John", "Al-Hassan, Jr.", "ന്‍"] {
            XCTAssertEqual(try Validate.personName(name, field: "first name"), name)
        }
    }

    func testBracketsSemicolonsAndSymbolsAreRefused() {
        for name in ["Okafor'); DROP TABLE patients;--", "A;B", "<b>Amina</b>", "Amina (twin)", "Am\u{FFFD}na", "Amina 😀"] {
            XCTAssertThrowsError(try Validate.personName(name, field: "first name"), name) {
                XCTAssertEqual(($0 as? ValidationError)?.field, "first name")
            }
        }
    }

    func testTextThatWasNotUTF8IsRefusedEverywhere() {
        XCTAssertThrowsError(try TextRules.check("late\u{FFFD}", field: "reason")) {
            XCTAssertTrue("\($0)".contains("not UTF-8"), "\($0)")
        }
    }
}
