// Patient lookup as a receptionist uses it: names however spelled, MRNs, phones, birth dates,
// short keys, ranking, the 200-candidate cap, merges and edits.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

final class LookupTests: PatientDeskTestCase {
    @discardableResult
    func register(_ first: String, _ last: String, dob: String = "1990-04-12", phone: String? = nil,
                  nationalID: String? = nil) throws -> RegisteredPatient {
        try store.registerPatient(
            NewPatient(firstName: first, lastName: last, sex: "female", dob: dob, phone: phone, nationalID: nationalID),
            by: clerk)
    }

    /// The patient ids a lookup shows, in order.
    func found(_ text: String) throws -> [String] {
        try store.findPatients(text).hits.map(\.patientID)
    }

    // MARK: - Names

    func testFoldedNamesFindTheirAccentedSpellings() throws {
        let nguyen = try register("Thị Ánh", "Nguyễn")
        let ozil = try register("Mesut", "Özil")
        let muller = try register("Jürgen", "Müller")
        let walesa = try register("Łukasz", "Wałęsa")
        try register("Amina", "Okafor")
        XCTAssertEqual(try found("Nguyen"), [nguyen.patientID])
        XCTAssertEqual(try found("nguyễn"), [nguyen.patientID], "typed with its accents")
        XCTAssertEqual(try found("thi anh"), [nguyen.patientID])
        XCTAssertEqual(try found("Ozil"), [ozil.patientID])
        XCTAssertEqual(try found("Muller"), [muller.patientID])
        XCTAssertEqual(try found("jurgen"), [muller.patientID])
        XCTAssertEqual(try found("lukasz walesa"), [walesa.patientID])
        let hit = try XCTUnwrap(store.findPatients("nguyen").hits.first)
        XCTAssertEqual(hit.displayName, "Nguyễn, Thị Ánh", "shown as registered, not folded")
        XCTAssertEqual(hit.matchedBy, .name)
        XCTAssertFalse(hit.exact)
    }

    func testFragmentsInAnyOrderArePrefixesOfWords() throws {
        let amina = try register("Amina", "Okafor")
        let amos = try register("Amos", "Okasha")
        let brian = try register("Brian", "Okafor")
        XCTAssertEqual(Set(try found("oka am")), [amina.patientID, amos.patientID])
        XCTAssertEqual(Set(try found("am oka")), [amina.patientID, amos.patientID])
        XCTAssertEqual(try found("okaf am"), [amina.patientID])
        XCTAssertEqual(try found("AMI OKAFOR"), [amina.patientID])
        XCTAssertEqual(Set(try found("oka")), [amina.patientID, amos.patientID, brian.patientID])
        XCTAssertEqual(try found("kafor"), [], "a fragment from the middle of a word does not match")
        XCTAssertEqual(try found("okafor zed"), [], "every fragment must match")
    }

    func testHyphenatedAndApostrophedNames() throws {
        let obrien = try register("Seán", "O'Brien")
        let smith = try register("Anne-Marie", "Smith-Jones")
        for typed in ["obrien", "o brien", "O'Brien", "O’Brien", "brien", "sean obrien"] {
            XCTAssertEqual(try found(typed), [obrien.patientID], typed)
        }
        for typed in ["smithjones", "smith jones", "Smith-Jones", "jones", "annemarie", "anne marie", "marie jones"] {
            XCTAssertEqual(try found(typed), [smith.patientID], typed)
        }
    }

    func testChineseNamesAreFoundBySingleCharacters() throws {
        let wang = try register("秀英", "王")
        let li = try register("伟", "李")
        XCTAssertEqual(try found("王"), [wang.patientID])
        XCTAssertEqual(try found("英"), [wang.patientID])
        XCTAssertEqual(try found("秀"), [wang.patientID])
        XCTAssertEqual(try found("王秀英"), [wang.patientID], "the whole name typed without spaces")
        XCTAssertEqual(try found("秀英 王"), [wang.patientID])
        XCTAssertEqual(try found("李"), [li.patientID])
        XCTAssertEqual(try found("李秀"), [], "characters of two different people")
    }

    // MARK: - MRNs

    func testAnMRNWholeInAnyCaseAndItsShortFormFindTheOnePatient() throws {
        try register("Amina", "Okafor")
        let second = try register("Brian", "Otieno")
        try register("Chloé", "Dubois")
        XCTAssertEqual(second.mrn, "MR00000026")
        for typed in ["MR00000026", "mr00000026", " Mr00000026 ", "26", "00000026"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.map(\.patientID), [second.patientID], typed)
            XCTAssertEqual(result.hits.first?.exact, true, typed)
            XCTAssertEqual(result.hits.first?.matchedBy, .mrn, typed)
            XCTAssertEqual(result.hits.first?.mrn, "MR00000026", typed)
            XCTAssertNil(result.notice, typed)
        }
    }

    func testAMistypedCheckDigitFindsNothingByMRN() throws {
        try register("Amina", "Okafor")
        try register("Brian", "Otieno")
        for typed in ["MR00000027", "mr00000025", "MR00000016", "27"] {
            XCTAssertEqual(try found(typed), [], typed)
        }
    }

    func testAnMRNTypedWithoutItsCheckDigitOffersTheMatchAndSaysWhatIsMissing() throws {
        try register("Amina", "Okafor")
        let second = try register("Brian", "Otieno")
        for typed in ["MR0000002", "mr0000002", "MR-0000002"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.map(\.patientID), [second.patientID], typed)
            XCTAssertEqual(result.hits.first?.exact, false, "offered, not taken as the MRN: \(typed)")
            XCTAssertEqual(result.notice, "MR0000002? — the check digit is missing: MR00000026 is listed below.", typed)
        }
        // A year-prefixed format: the digits alone, without the check digit, are offered too.
        let format = MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5)
        try store.setMRNFormat(format, by: admin)
        let third = try register("Chloé", "Dubois")
        XCTAssertEqual(third.mrn, format.mrn(sequence: 1, year: 2026))
        for typed in ["KNH202600001", "202600001"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.map(\.patientID), [third.patientID], typed)
            XCTAssertEqual(result.notice, "\(typed)? — the check digit is missing: \(third.mrn) is listed below.", typed)
        }
        // A whole MRN, or one with a wrong check digit, is not second-guessed.
        XCTAssertNil(try store.findPatients("MR00000026").notice)
        XCTAssertEqual(try found("MR00000027"), [])
    }

    // MARK: - Phones

    func testAPhoneInEveryCommonFormFindsItsPatientExactly() throws {
        try store.setPhoneCountryCode("254", by: admin)
        let amina = try register("Amina", "Okafor", phone: "0712 345 678")
        try register("Brian", "Otieno", phone: "0733 120 567")
        for typed in ["0712345678", "0712 345 678", "(0712) 345-678", "0712-345-678", "+254712345678",
                      "+254 712 345 678", "00254712345678", "254712345678", "712345678"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.map(\.patientID), [amina.patientID], typed)
            XCTAssertEqual(result.hits.first?.matchedBy, .phone, typed)
            XCTAssertEqual(result.hits.first?.exact, true, typed)
            XCTAssertEqual(result.hits.first?.phone, "+254712345678", typed)
        }
    }

    func testTheLastFourOrMoreDigitsOfAPhoneFindItsPatient() throws {
        try store.setPhoneCountryCode("254", by: admin)
        let amina = try register("Amina", "Okafor", phone: "0712 345 678")
        let brian = try register("Brian", "Otieno", phone: "0733 120 567")
        for typed in ["5678", "45678", "345 678", "2345678"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.map(\.patientID), [amina.patientID], typed)
            XCTAssertEqual(result.hits.first?.matchedBy, .phoneEnding, typed)
            XCTAssertEqual(result.hits.first?.exact, false, typed)
        }
        // A tail that starts with 0 keeps its 0.
        XCTAssertEqual(try found("0567"), [brian.patientID])
        XCTAssertEqual(try found("120567"), [brian.patientID])
        XCTAssertNil(try store.findPatients("0567").notice)
        XCTAssertEqual(try found("1567"), [], "a different digit in front")
    }

    func testFewerThanFourDigitsAsksForMore() throws {
        try store.setPhoneCountryCode("254", by: admin)
        try register("Amina", "Okafor", phone: "0712 345 678")
        for typed in ["678", "0 78", "5"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits, [], typed)
            XCTAssertEqual(result.notice, "Type at least 4 digits of a phone number or MRN.", typed)
        }
        XCTAssertNil(try store.findPatients("5678").notice)
    }

    // MARK: - Birth dates and short keys

    func testADateOfBirthInSeveralFormsFindsEveryoneBornThatDay() throws {
        let amina = try register("Amina", "Okafor", dob: "1990-04-12")
        let brian = try register("Brian", "Otieno", dob: "1990-04-12")
        try register("Chloé", "Dubois", dob: "1985-01-01")
        try register("Dan", "Mwangi", dob: "1990-12-04")
        for typed in ["12/04/1990", "12.04.1990", "12-04-1990", "1990-04-12", "12 Apr 1990", "12 april 1990", "12041990"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(Set(result.hits.map(\.patientID)), [amina.patientID, brian.patientID], typed)
            XCTAssertTrue(result.hits.allSatisfy { $0.matchedBy == .dateOfBirth }, typed)
        }
        XCTAssertEqual(try found("okafor 12/04/1990"), [amina.patientID], "a name narrows a date")
        XCTAssertEqual(try found("brian 1990-04-12"), [brian.patientID])
        XCTAssertEqual(try found("okafor 01/01/1985"), [])
    }

    func testAnInitialAndTheLastDigitsFindAndWarnWhenShared() throws {
        try store.setPhoneCountryCode("254", by: admin)
        let amina = try register("Amina", "Okafor", phone: "0712 345 678")
        let abdi = try register("Abdi", "Hassan", phone: "0722 005 678")
        let brian = try register("Brian", "Otieno", phone: "0733 885 678")
        let shared = try store.findPatients("a 5678")
        XCTAssertEqual(Set(shared.hits.map(\.patientID)), [amina.patientID, abdi.patientID])
        XCTAssertEqual(shared.notice, "2 patients share this short key: check the name and date of birth.")
        XCTAssertEqual(Set(try found("a5678")), [amina.patientID, abdi.patientID])

        let single = try store.findPatients("b 5678")
        XCTAssertEqual(single.hits.map(\.patientID), [brian.patientID])
        XCTAssertNil(single.notice)
        XCTAssertEqual(try found("a 345678"), [amina.patientID], "more digits tell them apart")
        XCTAssertEqual(try found("c 5678"), [])
    }

    // MARK: - Ranking

    func testAnExactPhoneRanksAboveANumberThatOnlyEndsTheSame() throws {
        try store.setPhoneCountryCode("254", by: admin)
        let kenyan = try register("Amina", "Okafor", phone: "0712 345 678")
        let tanzanian = try register("Brian", "Otieno", phone: "+255 712 345 678")  // newer
        let result = try store.findPatients("0712 345 678")
        XCTAssertEqual(result.hits.map(\.patientID), [kenyan.patientID, tanzanian.patientID])
        XCTAssertEqual(result.hits.map(\.exact), [true, false])
        XCTAssertEqual(result.hits.map(\.matchedBy), [.phone, .phoneEnding])
    }

    func testAnExactMRNRanksAboveAPhoneEndingInTheSameDigits() throws {
        try register("Amina", "Okafor")
        let second = try register("Brian", "Otieno")
        let phoneLikeIt = try register("Chloé", "Dubois", phone: "+254700000026")  // newer
        let result = try store.findPatients("MR00000026")
        XCTAssertEqual(result.hits.map(\.patientID), [second.patientID, phoneLikeIt.patientID])
        XCTAssertEqual(result.hits.map(\.matchedBy), [.mrn, .phoneEnding])
    }

    func testAWholeWordRanksAboveAPrefixOnlyMatch() throws {
        let li = try register("Wei", "Li")
        let lindqvist = try register("Anna", "Lindqvist")
        let lisa = try register("Lisa", "Brown")
        XCTAssertEqual(try found("li"), [li.patientID, lisa.patientID, lindqvist.patientID])
    }

    func testMoreWholeWordsRankFirst() throws {
        let amina = try register("Amina", "Okafor")
        let aminata = try register("Aminata", "Okafor")
        XCTAssertEqual(try found("amina okafor"), [amina.patientID, aminata.patientID])
    }

    func testAFamilyNameMatchRanksAboveAGivenNameMatch() throws {
        let peterJames = try register("Peter", "James")
        let jamesSmith = try register("James", "Smith")  // newer
        XCTAssertEqual(try found("james"), [peterJames.patientID, jamesSmith.patientID])
    }

    func testTheNewestRegistrationComesFirstAmongEquals() throws {
        let first = try register("Amina", "Okafor", dob: "1980-01-01")
        clock.advance(60)
        let second = try register("Amina", "Okafor", dob: "1995-01-01")
        clock.advance(60)
        let third = try register("Amina", "Okafor", dob: "2001-01-01")
        XCTAssertEqual(try found("amina okafor"), [third.patientID, second.patientID, first.patientID])
    }

    func testTheMostRecentVisitRanksAboveANewerRegistration() throws {
        let older = try register("Amina", "Okafor", dob: "1980-01-01")
        let newer = try register("Amina", "Okafor", dob: "1995-01-01")
        XCTAssertEqual(try found("okafor"), [newer.patientID, older.patientID])
        try rawConnection().write {
            try $0.execute(sql: "UPDATE patient_search SET last_visit_at = '2026-11-20T08:00:00.000Z' WHERE patient_id = ?",
                           arguments: [older.patientID])
        }
        XCTAssertEqual(try found("okafor"), [older.patientID, newer.patientID])
        XCTAssertEqual(try store.findPatients("okafor").hits.first?.lastVisitAt, "2026-11-20T08:00:00.000Z")
    }

    func testMoreThan200MatchesAreTruncatedButKeepTheWholeWordMatches() throws {
        // The two whole-word "Li"s: one registered before all the others, one among them.
        let oldest = try register("Wei", "Li")
        // Given names Annaaa, Annaab, … Annajp: letters only, as names are.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func given(_ i: Int) -> String { "Anna" + String(letters[i / 26]) + String(letters[i % 26]) }
        var batch = (0..<250).map {
            NewPatient(firstName: given($0), lastName: "Lindqvist", sex: "female", dob: "1990-04-12")
        }
        batch.insert(NewPatient(firstName: "Mei", lastName: "Li", sex: "female", dob: "1991-04-12"), at: 20)
        let registered = try store.registerPatients(batch, by: clerk)
        let mei = registered[20]
        XCTAssertEqual(mei.firstName, "Mei")

        let result = try store.findPatients("li")
        XCTAssertTrue(result.truncated)
        XCTAssertEqual(result.hits.count, PatientLookup.defaultLimit)
        XCTAssertEqual(Array(result.hits.prefix(2).map(\.patientID)), [mei.patientID, oldest.patientID],
                       "whole-word matches first, newest first, even one older than every prefix match read")
        XCTAssertEqual(result.notice, "More matches than shown: type more of the name, or add a date of birth.")

        let many = try store.findPatients("lindqvist")
        XCTAssertTrue(many.truncated)
        XCTAssertEqual(many.hits.count, PatientLookup.defaultLimit)
        XCTAssertEqual(many.hits.first?.displayName, "Lindqvist, " + given(249), "newest first")

        let narrowed = try store.findPatients("lindqvist annab")
        XCTAssertFalse(narrowed.truncated)
        XCTAssertEqual(Set(narrowed.hits.map(\.displayName)), Set((26..<52).map { "Lindqvist, " + given($0) }))
        XCTAssertNil(narrowed.notice)
    }

    // MARK: - Merges, deletions, edits

    func testAMergedRecordsMRNFindsItsSurvivorOnce() throws {
        let kept = try register("Amina", "Okafor")
        let duplicate = try register("Amina", "Okafur")
        try store.mergePatients(survivor: kept.patientID, merged: duplicate.patientID, reason: "same person", by: supervisor)

        for typed in [duplicate.mrn, duplicate.mrn.lowercased(), "26"] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.count, 1, typed)
            XCTAssertEqual(result.hits.first?.patientID, kept.patientID, typed)
            XCTAssertEqual(result.hits.first?.mrn, kept.mrn, "the line shows the survivor's MRN")
            XCTAssertEqual(result.hits.first?.foundByMergedMRN, duplicate.mrn, typed)
        }
        let own = try store.findPatients(kept.mrn)
        XCTAssertEqual(own.hits.map(\.patientID), [kept.patientID])
        XCTAssertNil(own.hits.first?.foundByMergedMRN)

        // A name both records match shows the survivor once.
        XCTAssertEqual(try found("amina"), [kept.patientID])
        // The merged record's own spelling still leads to the survivor.
        XCTAssertEqual(try found("okafur"), [kept.patientID])
        XCTAssertEqual(try found("12/04/1990"), [kept.patientID])
    }

    func testARebuiltIndexKeepsMergesAndLeavesDeletedRecordsOut() throws {
        let kept = try register("Amina", "Okafor")
        let duplicate = try register("Amina", "Okafur")
        let deleted = try register("Zawadi", "Kamau")
        try store.mergePatients(survivor: kept.patientID, merged: duplicate.patientID, reason: "same person", by: supervisor)
        try rawConnection().write {
            try $0.execute(sql: "UPDATE patients SET deleted_at = '2026-11-22T05:00:00.000Z' WHERE patient_id = ?",
                           arguments: [deleted.patientID])
        }
        try store.pool.write { try PatientSearchIndex.rebuild($0) }

        XCTAssertEqual(try found("zawadi"), [])
        XCTAssertEqual(try found(deleted.mrn), [])
        let result = try store.findPatients(duplicate.mrn)
        XCTAssertEqual(result.hits.map(\.patientID), [kept.patientID])
        XCTAssertEqual(result.hits.first?.foundByMergedMRN, duplicate.mrn)
        XCTAssertEqual(try found("amina okaf"), [kept.patientID])
    }

    func testAnEditReindexesThePatient() throws {
        try store.setPhoneCountryCode("254", by: admin)
        let amina = try register("Amina", "Okafor", phone: "0712 345 678", nationalID: "12345678")
        try register("Brian", "Otieno")
        var details = NewPatient(firstName: "Amina", lastName: "Adeyemi", sex: "female", dob: "1991-05-06",
                                 phone: "0799 000 111", nationalID: "87654321")
        details.middleName = "Chidi"
        try store.updatePatient(amina.patientID, with: details, by: clerk)

        XCTAssertEqual(try found("okafor"), [])
        XCTAssertEqual(try found("adeyemi"), [amina.patientID])
        XCTAssertEqual(try found("chidi"), [amina.patientID], "a new middle name finds too")
        XCTAssertEqual(try found("5678"), [], "the old phone no longer finds")
        XCTAssertEqual(try found("0799 000 111"), [amina.patientID])
        XCTAssertEqual(try found("0111"), [amina.patientID])
        XCTAssertFalse(try found("12/04/1990").contains(amina.patientID), "the old birth date no longer finds")
        XCTAssertEqual(try found("06/05/1991"), [amina.patientID])
        XCTAssertEqual(try found(amina.mrn), [amina.patientID], "the MRN is unchanged")
        XCTAssertEqual(try store.findPatients("adeyemi").hits.first?.displayName, "Adeyemi, Amina Chidi")
        let byID = try store.findPatients("87654321")
        XCTAssertEqual(byID.hits.map(\.patientID), [amina.patientID])
        XCTAssertEqual(byID.hits.first?.matchedBy, .nationalID)
        XCTAssertEqual(try found("12345678").contains(amina.patientID), false, "the old national ID no longer finds")
    }

    func testANationalIDFindsItsPatientWhateverItsFormat() throws {
        let digitsOnly = try register("Amina", "Okafor", nationalID: "12345678")
        let lettered = try register("Brian", "Otieno", nationalID: "KE-123/456")
        let passport = try register("Chloé", "Dubois", nationalID: "A7654321")
        for (typed, expected) in [("12345678", digitsOnly), ("KE-123/456", lettered), ("ke123456", lettered)] {
            let result = try store.findPatients(typed)
            XCTAssertEqual(result.hits.map(\.patientID), [expected.patientID], typed)
            XCTAssertEqual(result.hits.first?.matchedBy, .nationalID, typed)
            XCTAssertEqual(result.hits.first?.exact, true, typed)
        }
        // A passport number: one letter, then digits.
        let result = try store.findPatients("A7654321")
        XCTAssertEqual(result.hits.map(\.patientID), [passport.patientID], "a one-letter national ID or passport number")
        XCTAssertEqual(result.hits.first?.matchedBy, .nationalID)
    }

    func testTheTerminalsOwnFinderSeesNewRegistrations() throws {
        let finder = try store.makeFinder()
        XCTAssertEqual(try finder.find("okafor").hits, [])
        let amina = try register("Amina", "Okafor")
        XCTAssertEqual(try finder.find("okafor").hits.map(\.patientID), [amina.patientID])
        XCTAssertEqual(try finder.find("").hits, [])
    }
}
