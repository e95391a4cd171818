// How desks read what people type: phones, dates of birth, names for search, MRNs.
import XCTest

@testable import FrontDeskCore

final class PhoneNormalizerTests: XCTestCase {
    let kenya = PhoneNormalizer(countryCode: "254")

    func testEveryCommonWayOfWritingTheSameNumber() throws {
        for typed in ["0712 345 678", "(0712) 345-678", "+254 712 345678", "00254712345678", "712345678", "254712345678"] {
            XCTAssertEqual(try kenya.normalize(typed), "+254712345678", typed)
        }
        XCTAssertEqual(try kenya.normalize("+44 20 7946 0958"), "+442079460958")
    }

    func testRefusalsSayWhy() {
        XCTAssertThrowsError(try kenya.normalize("0712 abc")) { XCTAssertTrue("\($0)".contains("only digits")) }
        XCTAssertThrowsError(try kenya.normalize("12")) { XCTAssertTrue("\($0)".contains("8 to 15")) }
        XCTAssertThrowsError(try kenya.normalize("+254 7+12"))
        XCTAssertThrowsError(try kenya.normalize("+1234567890123456"))
    }
}

final class SearchTextTests: XCTestCase {
    func testFoldingIgnoresCaseAndDiacritics() {
        XCTAssertEqual(SearchText.fold("Nguyễn Thị Ánh"), "nguyen thi anh")
        XCTAssertEqual(SearchText.fold("Özil"), "ozil")
        XCTAssertEqual(SearchText.fold("Ọlọ́wọ̀"), "olowo")
        XCTAssertEqual(SearchText.fold("Đặng Łukasz Søren Straße"), "dang lukasz soren strasse")
        XCTAssertEqual(SearchText.fold("王秀英"), "王秀英")
        XCTAssertEqual(SearchText.fold("محمد"), "محمد")
    }

    func testTokensSplitOnPunctuation() {
        XCTAssertEqual(SearchText.tokens("Müller-Lüdenscheidt, O'Brien"), ["muller", "ludenscheidt", "o", "brien"])
    }
}

final class DateOfBirthParserTests: XCTestCase {
    func testDayFirstFormsAndISO() {
        let expected = CalendarDay("1990-04-12")
        for typed in ["1990-04-12", "12/04/1990", "12.04.1990", "12-04-1990", "12041990", "12 Apr 1990", "12 april 1990"] {
            XCTAssertEqual(DateOfBirthParser.parse(typed), expected, typed)
        }
    }

    func testImpossibleDatesAreRefused() {
        for typed in ["31/02/1990", "12/13/1990", "12/04/90", "yesterday", "1990"] {
            XCTAssertNil(DateOfBirthParser.parse(typed), typed)
        }
    }
}

final class MRNFormatTests: XCTestCase {
    func testStandardFormatIsPrefixSevenDigitsAndCheckDigit() {
        XCTAssertEqual(MRNFormat.standard.mrn(sequence: 1, year: 2026), "MR00000018")
        XCTAssertTrue(MRNFormat.standard.isPlausible("mr00000018"))
        XCTAssertFalse(MRNFormat.standard.isPlausible("MR00000019"))
    }

    func testYearPrefixedFormat() {
        let format = MRNFormat(prefix: "KNH-", includesYear: true, sequenceDigits: 6)
        let mrn = format.mrn(sequence: 42, year: 2026)
        XCTAssertTrue(mrn.hasPrefix("KNH-2026000042"))
        XCTAssertTrue(format.isPlausible(mrn))
    }
}

final class MoneyAndDayTests: XCTestCase {
    func testAmountsAsTypedBecomeMinorUnits() throws {
        XCTAssertEqual(try Money.parse("1500", minorUnits: 2), 150_000)
        XCTAssertEqual(try Money.parse("1,500.5", minorUnits: 2), 150_050)
        XCTAssertEqual(try Money.parse("0.07", minorUnits: 2), 7)
        XCTAssertEqual(try Money.parse("2500", minorUnits: 0), 2500)
        XCTAssertEqual(try Money.parse("1.250", minorUnits: 3), 1250)
        for bad in ["", "-5", "1.234", "abc", "1.2.3", "12e3"] {
            XCTAssertThrowsError(try Money.parse(bad, minorUnits: 2), "'\(bad)' was accepted")
        }
        XCTAssertEqual(Money.format(150_050, minorUnits: 2), "1,500.50")
        XCTAssertEqual(Money.format(7, minorUnits: 2), "0.07")
        XCTAssertEqual(Money.format(1_234_567, minorUnits: 0), "1,234,567")
    }

    func testDayArithmeticCrossesMonthsYearsAndLeapDays() {
        let d = CalendarDay("2024-02-28")!
        XCTAssertEqual(d.adding(days: 1).description, "2024-02-29")
        XCTAssertEqual(d.adding(days: 2).description, "2024-03-01")
        XCTAssertEqual(CalendarDay("2026-01-01")!.adding(days: -1).description, "2025-12-31")
        XCTAssertEqual(CalendarDay("1970-01-01")!.dayNumber, 0)
        XCTAssertEqual(CalendarDay("2000-03-01")!.dayNumber - CalendarDay("2000-02-28")!.dayNumber, 2)
        for n in stride(from: -700_000, to: 800_000, by: 997) {
            XCTAssertEqual(CalendarDay(dayNumber: n)!.dayNumber, n)
        }
    }
}
