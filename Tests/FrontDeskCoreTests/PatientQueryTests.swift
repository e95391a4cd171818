// How the lookup box reads what a receptionist typed; when two names are "the same person";
// and MRN short forms.
import XCTest

@testable import FrontDeskCore

final class PatientQueryTests: XCTestCase {
    // MARK: - Reading the lookup text

    func testBlankTextIsAnEmptyQuery() {
        XCTAssertTrue(PatientQuery(parsing: "").isEmpty)
        XCTAssertTrue(PatientQuery(parsing: "   \t ").isEmpty)
        XCTAssertFalse(PatientQuery(parsing: "a").isEmpty)
    }

    func testNameFragmentsAreFoldedTermsInTheOrderTyped() {
        let q = PatientQuery(parsing: "oka am")
        XCTAssertEqual(q.nameTerms, ["oka", "am"])
        XCTAssertEqual(q.digits, [])
        XCTAssertNil(q.dateOfBirth)
        XCTAssertNil(q.mrn)
        XCTAssertEqual(PatientQuery(parsing: "  AM   Oka ").nameTerms, ["am", "oka"])
        XCTAssertEqual(PatientQuery(parsing: "Nguyễn Thị").nameTerms, ["nguyen", "thi"])
        XCTAssertEqual(PatientQuery(parsing: "ÖZIL").nameTerms, ["ozil"])
        XCTAssertEqual(PatientQuery(parsing: "Müller").nameTerms, ["muller"])
    }

    func testHyphenAndApostropheSplitATypedWordIntoItsParts() {
        XCTAssertEqual(PatientQuery(parsing: "O'Brien").nameTerms, ["o", "brien"])
        XCTAssertEqual(PatientQuery(parsing: "obrien").nameTerms, ["obrien"])
        XCTAssertEqual(PatientQuery(parsing: "Smith-Jones").nameTerms, ["smith", "jones"])
    }

    func testIdeographsAreEachTheirOwnTerm() {
        XCTAssertEqual(PatientQuery(parsing: "王秀英").nameTerms, ["王", "秀", "英"])
        XCTAssertEqual(PatientQuery(parsing: "王 秀英").nameTerms, ["王", "秀", "英"])
        XCTAssertEqual(PatientQuery(parsing: "英").nameTerms, ["英"])
    }

    func testIndexedNameTermsIncludeTheRunTogetherFormOfAHyphenatedWord() {
        XCTAssertEqual(SearchText.nameTerms("Seán O'Brien"), ["sean", "o", "brien", "obrien"])
        XCTAssertEqual(SearchText.nameTerms("Anne-Marie Smith-Jones"),
                       ["anne", "marie", "annemarie", "smith", "jones", "smithjones"])
        XCTAssertEqual(SearchText.nameTerms("王秀英"), ["王", "秀", "英"])
        XCTAssertEqual(SearchText.nameTerms("Li Li"), ["li"], "each term once")
    }

    func testPhoneNumbersInEveryCommonFormAreOneDigitRun() {
        for typed in ["0712 345 678", "(0712) 345-678", "0712-345-678", "0712.345.678", "0712345678"] {
            let q = PatientQuery(parsing: typed)
            XCTAssertEqual(q.digits, ["0712345678"], typed)
            XCTAssertEqual(q.nameTerms, [], typed)
            XCTAssertNil(q.dateOfBirth, typed)
        }
        XCTAssertEqual(PatientQuery(parsing: "+254 712 345678").digits, ["254712345678"])
        XCTAssertEqual(PatientQuery(parsing: "5678").digits, ["5678"])
        XCTAssertEqual(PatientQuery(parsing: "0567").digits, ["0567"], "a tail keeps its leading zero")
    }

    func testDatesOfBirthInEachAcceptedForm() {
        let day = CalendarDay("1990-04-12")
        for typed in ["12/04/1990", "12.04.1990", "12-04-1990", "1990-04-12", "12 Apr 1990", "12 april 1990"] {
            let q = PatientQuery(parsing: typed)
            XCTAssertEqual(q.dateOfBirth, day, typed)
            XCTAssertEqual(q.nameTerms, [], typed)
            XCTAssertEqual(q.digits, [], typed)
        }
        // Eight digits may be a date or the tail of a phone: both keys are kept.
        let eight = PatientQuery(parsing: "12041990")
        XCTAssertEqual(eight.dateOfBirth, day)
        XCTAssertEqual(eight.digits, ["12041990"])
    }

    func testANameWithADateCombinesBothKeys() {
        let q = PatientQuery(parsing: "okafor 12/04/1990")
        XCTAssertEqual(q.nameTerms, ["okafor"])
        XCTAssertEqual(q.dateOfBirth, CalendarDay("1990-04-12"))
        XCTAssertEqual(q.digits, [])
    }

    func testAnMRNIsReadWholeInAnyCase() {
        for typed in ["MR00000018", "mr00000018", "Mr-00000018"] {
            let q = PatientQuery(parsing: typed)
            XCTAssertEqual(q.mrn, "MR00000018", typed)
            XCTAssertEqual(q.digits, ["00000018"], typed)
            XCTAssertEqual(q.nameTerms, [], typed)
        }
        XCTAssertEqual(PatientQuery(parsing: "knh2026000011").mrn, "KNH2026000011")
    }

    func testAnInitialAndLastDigitsAreAShortKey() {
        for typed in ["a 4567", "A 4567", "a4567"] {
            let q = PatientQuery(parsing: typed)
            XCTAssertEqual(q.nameTerms, ["a"], typed)
            XCTAssertEqual(q.digits, ["4567"], typed)
            XCTAssertEqual(q.initial, "a", typed)
        }
        XCTAssertNil(PatientQuery(parsing: "a 4567").mrn)
        XCTAssertEqual(PatientQuery(parsing: "a4567").mrn, "A4567", "run together, it may also be a whole identifier (a passport)")
        XCTAssertNil(PatientQuery(parsing: "am 4567").initial, "two letters are a name fragment, not an initial")
        XCTAssertNil(PatientQuery(parsing: "a").initial, "an initial needs digits")
    }

    // MARK: - NameSimilarity

    private func similar(_ a: (String, String), _ b: (String, String)) -> Bool {
        NameSimilarity.isSimilar(first: a.0, last: a.1, first: b.0, last: b.1)
    }

    func testTheSameNameIsSimilar() {
        XCTAssertTrue(similar(("Amina", "Okafor"), ("Amina", "Okafor")))
        XCTAssertTrue(similar(("amina", "OKAFOR"), ("Amina", "Okafor")))
    }

    func testOneTypoInTheFamilyNameIsSimilar() {
        XCTAssertTrue(similar(("Amina", "Okafur"), ("Amina", "Okafor")), "substitution")
        XCTAssertTrue(similar(("Amina", "Okafr"), ("Amina", "Okafor")), "deletion")
        XCTAssertTrue(similar(("Amina", "Okaffor"), ("Amina", "Okafor")), "insertion")
        XCTAssertTrue(similar(("Amina", "Okaofr"), ("Amina", "Okafor")), "transposition counts as one")
    }

    func testTwoTyposAreSimilarOnlyInLongFamilyNames() {
        XCTAssertFalse(similar(("Amina", "Okefur"), ("Amina", "Okafor")))
        XCTAssertTrue(similar(("Omar", "Abdurahmen"), ("Omar", "Abdulrahman")))
        XCTAssertFalse(similar(("Omar", "Abdurahmxyz"), ("Omar", "Abdulrahman")))
    }

    func testShortFamilyNamesMustMatchExactly() {
        XCTAssertTrue(similar(("Wei", "Li"), ("Wei", "Li")))
        XCTAssertFalse(similar(("Wei", "Lu"), ("Wei", "Li")))
        XCTAssertFalse(similar(("Wei", "Lim"), ("Wei", "Li")), "three letters: no typo allowed")
        XCTAssertTrue(similar(("Ali", "Kahn"), ("Ali", "Khan")), "four letters: one transposition allowed")
    }

    func testFoldedNamesAreSimilar() {
        XCTAssertTrue(similar(("Anh", "Nguyen"), ("Ánh", "Nguyễn")))
        XCTAssertTrue(similar(("Mesut", "Ozil"), ("Mesut", "Özil")))
        XCTAssertTrue(similar(("Jurgen", "Muller"), ("Jürgen", "Müller")))
    }

    func testSwappedFirstAndFamilyNamesAreSimilar() {
        XCTAssertTrue(similar(("Okafor", "Amina"), ("Amina", "Okafor")))
    }

    func testTheGivenNameNeedsTheSameFirstLetter() {
        XCTAssertFalse(similar(("Brian", "Okafor"), ("Amina", "Okafor")))
        XCTAssertTrue(similar(("Ami", "Okafor"), ("Amina", "Okafor")))
    }

    func testDifferentFamilyNamesAreNotSimilar() {
        XCTAssertFalse(similar(("Amina", "Okonkwo"), ("Amina", "Okafor")))
        XCTAssertFalse(similar(("Amina", "Otieno"), ("Amina", "Okafor")))
    }

    // MARK: - MRNFormat.shortForm

    func testTheShortFormIsTheDigitsWithoutPrefixOrLeadingZeros() {
        XCTAssertEqual(MRNFormat.shortForm("18"), "18")
        XCTAssertEqual(MRNFormat.shortForm("00000018"), "18")
        let twelfth = MRNFormat.standard.mrn(sequence: 12, year: 2026)
        XCTAssertEqual(MRNFormat.shortForm(String(twelfth.dropFirst(2))), String(twelfth.dropFirst(2).drop { $0 == "0" }))
        let yearly = MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5).mrn(sequence: 7, year: 2026)
        XCTAssertEqual(MRNFormat.shortForm(String(yearly.dropFirst(3))), String(yearly.dropFirst(3)), "a year-prefixed MRN's digits")
    }

    func testAMistypedCheckDigitGivesNoShortForm() {
        for wrong in ["19", "10", "17", "00000019"] {
            XCTAssertNil(MRNFormat.shortForm(wrong), wrong)
        }
        // Every single-digit change of a real MRN's digits is caught.
        let real = Array(MRNFormat.standard.mrn(sequence: 12, year: 2026).dropFirst(2))
        XCTAssertNotNil(MRNFormat.shortForm(String(real)))
        for i in real.indices {
            for d in "0123456789" where d != real[i] {
                var typo = real
                typo[i] = d
                XCTAssertNil(MRNFormat.shortForm(String(typo)), String(typo))
            }
        }
    }

    func testNonDigitsZerosOrEmptyGiveNoShortForm() {
        XCTAssertNil(MRNFormat.shortForm(""))
        XCTAssertNil(MRNFormat.shortForm("1 8"))
        XCTAssertNil(MRNFormat.shortForm("١٨"), "Arabic-Indic digits are not typed MRN digits")
        XCTAssertNil(MRNFormat.shortForm("0000"))
        XCTAssertNil(MRNFormat.shortForm(String(repeating: "0", count: 19) + "18"), "longer than any MRN")
    }

    func testAYearFormatWithASitePrefix() throws {
        let format = try MRNFormat.validated(prefix: "knh", includesYear: true, sequenceDigits: 5)
        XCTAssertEqual(format.prefix, "KNH")
        let mrn = format.mrn(sequence: 1, year: 2026)
        XCTAssertTrue(mrn.hasPrefix("KNH202600001"), mrn)
        XCTAssertEqual(mrn.count, 3 + 4 + 5 + 1)
        XCTAssertTrue(format.isPlausible(mrn))
        let short = String(mrn.dropFirst(3))
        XCTAssertEqual(MRNFormat.shortForm(short), short)
        let wrongCheck = String(short.dropLast()) + String((short.last!.wholeNumberValue! + 1) % 10)
        XCTAssertNil(MRNFormat.shortForm(wrongCheck), "a wrong check digit")
    }

    func testFormatsAreCheckedWhenAnAdministratorSetsThem() {
        XCTAssertThrowsError(try MRNFormat.validated(prefix: "K1", includesYear: false, sequenceDigits: 7)) {
            XCTAssertEqual($0 as? ValidationError, ValidationError("MRN prefix", "must be 0 to 6 letters A-Z"))
        }
        XCTAssertThrowsError(try MRNFormat.validated(prefix: "HOSPITAL", includesYear: false, sequenceDigits: 7))
        XCTAssertThrowsError(try MRNFormat.validated(prefix: "MR", includesYear: false, sequenceDigits: 3)) {
            XCTAssertEqual($0 as? ValidationError, ValidationError("MRN sequence digits", "must be 4 to 10"))
        }
        XCTAssertEqual(try MRNFormat.validated(prefix: " mr ", includesYear: false, sequenceDigits: 7), .standard)
        XCTAssertEqual(try MRNFormat.validated(prefix: "", includesYear: false, sequenceDigits: 6).mrn(sequence: 1, year: 2026),
                       "0000018")
    }
}
