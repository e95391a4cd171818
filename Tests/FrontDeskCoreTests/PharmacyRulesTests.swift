// The pharmacy's rules in Core: quantities from a dose, expiry dates from a pack, allergies against names, labels, CSV cells.
import FrontDeskCore
import XCTest

final class PharmacyRulesTests: XCTestCase {
    func testQuantitiesFromDoseFrequencyAndDays() {
        XCTAssertEqual(DoseQuantity.compute(dose: "1", frequency: "TDS", days: 5), 15)
        XCTAssertEqual(DoseQuantity.compute(dose: "2", frequency: "bd", days: 20), 80)
        XCTAssertEqual(DoseQuantity.compute(dose: "1/2", frequency: "OD", days: 7), 4, "half tablets round up to whole units")
        XCTAssertEqual(DoseQuantity.compute(dose: "10 ml", frequency: "q8h", days: 3), 90)
        XCTAssertEqual(DoseQuantity.compute(dose: "4", frequency: "stat", days: nil), 4)
        XCTAssertNil(DoseQuantity.compute(dose: "1", frequency: "PRN", days: 5), "as needed: the counter types the quantity")
        XCTAssertNil(DoseQuantity.compute(dose: "one", frequency: "TDS", days: 5))
        XCTAssertNil(DoseQuantity.compute(dose: "1", frequency: "TDS", days: nil))
        XCTAssertEqual(DoseFrequency.words("t.d.s."), "three times a day")
        XCTAssertEqual(DoseFrequency.words("every other day"), "every other day", "unknown text is kept as written")
    }

    func testExpiryDatesAsPrinted() {
        XCTAssertEqual(ExpiryDate.parse("2027-03-15")?.description, "2027-03-15")
        XCTAssertEqual(ExpiryDate.parse("2027-03")?.description, "2027-03-31")
        XCTAssertEqual(ExpiryDate.parse("02/2028")?.description, "2028-02-29", "a month means its last day, leap years too")
        XCTAssertNil(ExpiryDate.parse("13/2027"))
        XCTAssertNil(ExpiryDate.parse("soon"))
        let expiry = CalendarDay("2027-03-31")!
        XCTAssertFalse(ExpiryDate.isExpired(expiry, on: CalendarDay("2027-03-30")!))
        XCTAssertTrue(ExpiryDate.isExpired(expiry, on: expiry), "expired on its expiry day")
    }

    func testAllergiesMeetNamesAndClasses() {
        XCTAssertEqual(AllergyMatch.firstMatch(allergies: ["Penicillin"], names: ["Amoxicillin", "Amoxil"]), "Penicillin")
        XCTAssertEqual(AllergyMatch.firstMatch(allergies: ["sulfa drugs"], names: ["Co-trimoxazole", "Septrin"]), "sulfa drugs")
        XCTAssertEqual(AllergyMatch.firstMatch(allergies: ["NSAIDs"], names: ["Ibuprofen"]), "NSAIDs")
        XCTAssertEqual(AllergyMatch.firstMatch(allergies: ["amoxicillin 500mg"], names: ["Amoxicillin"]), "amoxicillin 500mg")
        XCTAssertNil(AllergyMatch.firstMatch(allergies: ["Penicillin", "peanuts"], names: ["Paracetamol", "Panadol"]))
        XCTAssertNil(AllergyMatch.firstMatch(allergies: ["dust"], names: ["Doxycycline"]), "short words do not match by accident")
    }

    func testALabelIs42ColumnsWithDirectionsInWords() {
        let label = PharmacyLabel(
            facility: "Riverside District Hospital", patientName: "Okafor, Amina", mrn: "MR00000018",
            item: "Amoxicillin 500 mg capsule", quantity: 21, unit: "capsule", dose: "1", frequency: "TDS", durationDays: 7,
            instructions: "Take after food and finish the whole course even when you feel better", prescriptionNumber: 12,
            batches: [("K2400", "2027-06-30")], dispensedOn: "2026-12-04 10:15", pharmacist: "Rajesh Iyer", allergy: nil)
        XCTAssertTrue(label.lines.allSatisfy { $0.count <= PharmacyLabel.width }, label.text)
        XCTAssertEqual(label.directions, "Take 1 capsule three times a day for 7 days.")
        XCTAssertTrue(label.text.contains("Amoxicillin 500 mg capsule x 21 capsules"), label.text)
        XCTAssertTrue(label.lines.joined(separator: " ").contains("finish the whole course even when you feel better"), "long instructions wrap, never cut: \(label.text)")
        XCTAssertTrue(label.text.contains("Batch K2400 exp 2027-06-30"), label.text)
    }

    func testCSVCellsAreQuotedAndNeverFormulas() {
        XCTAssertEqual(CSVLine.make(["AMOX500", "Amoxicillin, 500 mg", "say \"hi\"", "-3", "=1+1", "@x"]),
                       "AMOX500,\"Amoxicillin, 500 mg\",\"say \"\"hi\"\"\",-3,'=1+1,'@x")
    }
}
