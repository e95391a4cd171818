// Vital signs: what a nurse may type, the realistic ranges at their edges, and BMI in integers.
import XCTest

@testable import FrontDeskCore

final class VitalSignsTests: XCTestCase {
    /// One field at a time, the others left empty as on a half-filled triage form.
    private func parse(
        bp: String = "", pulse: String = "", temperature: String = "", spo2: String = "", rr: String = "",
        weight: String = "", height: String = ""
    ) throws -> VitalSigns {
        try VitalSigns.parse(
            bloodPressure: bp, pulse: pulse, temperature: temperature, spo2: spo2, respiratoryRate: rr, weight: weight,
            height: height)
    }

    /// The refusal `body` throws, failing the test if it throws none or something else.
    private func refusal(
        _ body: () throws -> VitalSigns, file: StaticString = #filePath, line: UInt = #line
    ) -> ValidationError? {
        do {
            let vitals = try body()
            XCTFail("accepted \(vitals)", file: file, line: line)
        } catch let error as ValidationError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testEverythingEmptyIsRefused() {
        XCTAssertEqual(refusal { try parse() }, ValidationError("vitals", "enter at least one value"))
        XCTAssertEqual(
            refusal { try parse(bp: " ", pulse: "  ", weight: "\t") }, ValidationError("vitals", "enter at least one value"))
    }

    func testATypicalFormParses() throws {
        let vitals = try VitalSigns.parse(
            bloodPressure: "120/80", pulse: "72", temperature: "36.8", spo2: "98", respiratoryRate: "16", weight: "72.5",
            height: "172.5")
        XCTAssertEqual(
            vitals,
            VitalSigns(
                systolic: 120, diastolic: 80, pulse: 72, temperatureTenths: 368, spo2: 98, respiratoryRate: 16,
                weightGrams: 72_500, heightMillimetres: 1_725))
        XCTAssertEqual(try vitals.validated(), vitals)
        XCTAssertFalse(vitals.isEmpty)
    }

    func testEmptyFieldsAreNotTaken() throws {
        let vitals = try parse(pulse: "88")
        XCTAssertEqual(vitals, VitalSigns(pulse: 88))
        XCTAssertNil(vitals.systolic)
        XCTAssertNil(vitals.bmiTenths)
        XCTAssertTrue(VitalSigns().isEmpty)
    }

    func testUnitsTypedOutOfHabitAreAccepted() throws {
        let vitals = try parse(
            bp: "120/80 mmHg", pulse: "72 bpm", temperature: "36.8 °C", spo2: "98%", rr: "16/min", weight: "70kg",
            height: "175 cm")
        XCTAssertEqual(
            vitals,
            VitalSigns(
                systolic: 120, diastolic: 80, pulse: 72, temperatureTenths: 368, spo2: 98, respiratoryRate: 16,
                weightGrams: 70_000, heightMillimetres: 1_750))
    }

    // MARK: Blood pressure

    func testBloodPressureForms() throws {
        for typed in ["120/80", "120 / 80", " 120/ 80 ", "120 /80"] {
            let vitals = try parse(bp: typed)
            XCTAssertEqual(vitals.systolic, 120, typed)
            XCTAssertEqual(vitals.diastolic, 80, typed)
        }
    }

    func testBloodPressureNeedsBothHalves() {
        for typed in ["120", "120/", "/80", "/"] {
            XCTAssertEqual(
                refusal { try parse(bp: typed) },
                ValidationError("blood pressure", "'\(typed)' needs both numbers; type systolic/diastolic, e.g. 120/80"))
        }
        for typed in ["abc", "120-80", "120/80/60", "12o/80", "120.5/80"] {
            XCTAssertEqual(refusal { try parse(bp: typed) }?.field, "blood pressure", typed)
        }
    }

    func testBloodPressureRangeEdges() throws {
        XCTAssertEqual(try parse(bp: "50/20").systolic, 50)
        XCTAssertEqual(try parse(bp: "300/200").diastolic, 200)
        XCTAssertEqual(
            refusal { try parse(bp: "49/20") }, ValidationError("blood pressure", "systolic 49 is outside 50–300 mmHg"))
        XCTAssertEqual(
            refusal { try parse(bp: "301/80") }, ValidationError("blood pressure", "systolic 301 is outside 50–300 mmHg"))
        XCTAssertEqual(
            refusal { try parse(bp: "120/19") }, ValidationError("blood pressure", "diastolic 19 is outside 20–200 mmHg"))
        XCTAssertEqual(
            refusal { try parse(bp: "300/201") }, ValidationError("blood pressure", "diastolic 201 is outside 20–200 mmHg"))
        XCTAssertEqual(refusal { try parse(bp: "99999999999999999999/80") }?.field, "blood pressure")
    }

    func testDiastolicMustBeBelowSystolic() {
        XCTAssertEqual(
            refusal { try parse(bp: "80/120") },
            ValidationError(
                "blood pressure", "diastolic 120 must be below systolic 80; type systolic/diastolic, e.g. 120/80"))
        XCTAssertEqual(refusal { try parse(bp: "120/120") }?.field, "blood pressure")
        XCTAssertEqual(refusal { try VitalSigns(systolic: 90, diastolic: 95).validated() }?.field, "blood pressure")
    }

    func testHalfABloodPressureBuiltInCodeIsRefused() {
        XCTAssertEqual(
            refusal { try VitalSigns(systolic: 120).validated() },
            ValidationError("blood pressure", "systolic and diastolic go together; type systolic/diastolic, e.g. 120/80"))
        XCTAssertEqual(refusal { try VitalSigns(diastolic: 80).validated() }?.field, "blood pressure")
    }

    // MARK: Pulse, SpO2, respiratory rate

    func testPulseRangeEdges() throws {
        XCTAssertEqual(try parse(pulse: "20").pulse, 20)
        XCTAssertEqual(try parse(pulse: "300").pulse, 300)
        XCTAssertEqual(refusal { try parse(pulse: "19") }, ValidationError("pulse", "19 is outside 20–300 beats/min"))
        XCTAssertEqual(refusal { try parse(pulse: "301") }, ValidationError("pulse", "301 is outside 20–300 beats/min"))
        XCTAssertEqual(refusal { try parse(pulse: "400") }, ValidationError("pulse", "400 is outside 20–300 beats/min"))
        XCTAssertEqual(refusal { try parse(pulse: "-5") }, ValidationError("pulse", "-5 is outside 20–300 beats/min"))
        XCTAssertEqual(
            refusal { try parse(pulse: "99999999999999999999") },
            ValidationError("pulse", "99999999999999999999 is outside 20–300 beats/min"))
    }

    func testNonNumbersAndFractionsOfWholeValues() {
        XCTAssertEqual(refusal { try parse(pulse: "abc") }, ValidationError("pulse", "'abc' is not a number"))
        XCTAssertEqual(refusal { try parse(pulse: "7 2") }, ValidationError("pulse", "'7 2' is not a number"))
        XCTAssertEqual(refusal { try parse(pulse: "72.5") }, ValidationError("pulse", "'72.5' must be a whole number"))
        XCTAssertEqual(refusal { try parse(spo2: "97.5") }, ValidationError("SpO2", "'97.5' must be a whole number"))
        XCTAssertEqual(refusal { try parse(rr: "x") }, ValidationError("respiratory rate", "'x' is not a number"))
        XCTAssertEqual(refusal { try parse(weight: "seventy") }, ValidationError("weight", "'seventy' is not a number"))
        XCTAssertEqual(refusal { try parse(height: "1.7.5") }, ValidationError("height", "'1.7.5' is not a number"))
        XCTAssertEqual(refusal { try parse(temperature: "-") }, ValidationError("temperature", "'-' is not a number"))
    }

    func testSpO2RangeEdges() throws {
        XCTAssertEqual(try parse(spo2: "50").spo2, 50)
        XCTAssertEqual(try parse(spo2: "100").spo2, 100)
        XCTAssertEqual(refusal { try parse(spo2: "49") }, ValidationError("SpO2", "49 is outside 50–100 %"))
        XCTAssertEqual(refusal { try parse(spo2: "101") }, ValidationError("SpO2", "101 is outside 50–100 %"))
    }

    func testRespiratoryRateRangeEdges() throws {
        XCTAssertEqual(try parse(rr: "4").respiratoryRate, 4)
        XCTAssertEqual(try parse(rr: "80").respiratoryRate, 80)
        XCTAssertEqual(
            refusal { try parse(rr: "3") }, ValidationError("respiratory rate", "3 is outside 4–80 breaths/min"))
        XCTAssertEqual(
            refusal { try parse(rr: "81") }, ValidationError("respiratory rate", "81 is outside 4–80 breaths/min"))
    }

    // MARK: Temperature

    func testTemperatureRangeEdges() throws {
        XCTAssertEqual(try parse(temperature: "25.0").temperatureTenths, 250)
        XCTAssertEqual(try parse(temperature: "45").temperatureTenths, 450)
        XCTAssertEqual(
            refusal { try parse(temperature: "24.9") }, ValidationError("temperature", "24.9 is outside 25.0–45.0 °C"))
        XCTAssertEqual(
            refusal { try parse(temperature: "45.1") }, ValidationError("temperature", "45.1 is outside 25.0–45.0 °C"))
    }

    func testTemperatureDecimals() throws {
        XCTAssertEqual(try parse(temperature: "37").temperatureTenths, 370)
        XCTAssertEqual(try parse(temperature: "36.8").temperatureTenths, 368)
        XCTAssertEqual(try parse(temperature: "36,8").temperatureTenths, 368)
        XCTAssertEqual(try parse(temperature: "36.80").temperatureTenths, 368)
        XCTAssertEqual(
            refusal { try parse(temperature: "36.85") },
            ValidationError("temperature", "'36.85' has more than one decimal place"))
    }

    func testFahrenheitLookingValuesSayTheFieldIsCelsius() {
        XCTAssertEqual(
            refusal { try parse(temperature: "98.6") },
            ValidationError("temperature", "98.6 looks like °F; this field is in °C (98.6 °F = 37.0 °C)"))
        XCTAssertEqual(
            refusal { try parse(temperature: "98,6") },
            ValidationError("temperature", "98.6 looks like °F; this field is in °C (98.6 °F = 37.0 °C)"))
        for typed in ["80", "115", "101.3"] {
            let message = refusal { try parse(temperature: typed) }?.message ?? ""
            XCTAssertTrue(message.contains("looks like °F; this field is in °C"), "\(typed): \(message)")
        }
        for typed in ["79.9", "115.1"] {
            let message = refusal { try parse(temperature: typed) }?.message ?? ""
            XCTAssertEqual(message, "\(typed) is outside 25.0–45.0 °C")
        }
        XCTAssertEqual(
            refusal { try parse(temperature: "98.6 F") },
            ValidationError("temperature", "'98.6 F' is in °F; this field is in °C (98.6 °F = 37.0 °C)"))
        XCTAssertEqual(
            refusal { try VitalSigns(temperatureTenths: 986).validated() }?.message,
            "98.6 looks like °F; this field is in °C (98.6 °F = 37.0 °C)")
    }

    // MARK: Weight, height, BMI

    func testWeightRangeEdgesAndDecimals() throws {
        XCTAssertEqual(try parse(weight: "0.3").weightGrams, 300)
        XCTAssertEqual(try parse(weight: "500").weightGrams, 500_000)
        XCTAssertEqual(try parse(weight: "72.5").weightGrams, 72_500)
        XCTAssertEqual(try parse(weight: "3,125").weightGrams, 3_125)
        XCTAssertEqual(refusal { try parse(weight: "0.299") }, ValidationError("weight", "0.299 is outside 0.3–500 kg"))
        XCTAssertEqual(
            refusal { try parse(weight: "500.001") }, ValidationError("weight", "500.001 is outside 0.3–500 kg"))
        XCTAssertEqual(
            refusal { try parse(weight: "72.5555") }, ValidationError("weight", "'72.5555' has more than 3 decimal places"))
    }

    func testHeightRangeEdgesAndDecimals() throws {
        XCTAssertEqual(try parse(height: "20").heightMillimetres, 200)
        XCTAssertEqual(try parse(height: "272").heightMillimetres, 2_720)
        XCTAssertEqual(try parse(height: "172.5").heightMillimetres, 1_725)
        XCTAssertEqual(refusal { try parse(height: "19.9") }, ValidationError("height", "19.9 is outside 20–272 cm"))
        XCTAssertEqual(refusal { try parse(height: "272.1") }, ValidationError("height", "272.1 is outside 20–272 cm"))
        XCTAssertEqual(
            refusal { try parse(height: "172.55") }, ValidationError("height", "'172.55' has more than one decimal place"))
    }

    func testBMIInTenthsRoundedHalfUp() throws {
        let vitals = try parse(weight: "70", height: "175")
        XCTAssertEqual(vitals.bmiTenths, 229)  // 70 / 1.75² = 22.857…
        XCTAssertEqual(vitals.bmiTenths.map(VitalSigns.tenths), "22.9")
        // At 1 m, BMI is the weight itself, so these straddle an exact .x5.
        XCTAssertEqual(VitalSigns(weightGrams: 22_950, heightMillimetres: 1_000).bmiTenths, 230)
        XCTAssertEqual(VitalSigns(weightGrams: 22_949, heightMillimetres: 1_000).bmiTenths, 229)
        XCTAssertNil(VitalSigns(weightGrams: 70_000).bmiTenths)
        XCTAssertNil(VitalSigns(heightMillimetres: 1_750).bmiTenths)
        XCTAssertNil(VitalSigns(weightGrams: 70_000, heightMillimetres: 0).bmiTenths)
        XCTAssertNil(VitalSigns(weightGrams: .max, heightMillimetres: 1_750).bmiTenths)
    }

    func testTenthsText() {
        XCTAssertEqual(VitalSigns.tenths(368), "36.8")
        XCTAssertEqual(VitalSigns.tenths(229), "22.9")
        XCTAssertEqual(VitalSigns.tenths(370), "37.0")
        XCTAssertEqual(VitalSigns.tenths(5), "0.5")
        XCTAssertEqual(VitalSigns.tenths(0), "0.0")
        XCTAssertEqual(VitalSigns.tenths(-5), "-0.5")
    }

    // MARK: Order and values built in code

    func testTheFirstBadFieldOnTheFormIsNamed() {
        XCTAssertEqual(refusal { try parse(bp: "120", pulse: "abc", height: "1") }?.field, "blood pressure")
        XCTAssertEqual(refusal { try parse(pulse: "abc", height: "1") }?.field, "pulse")
        XCTAssertEqual(refusal { try parse(pulse: "72", height: "1") }?.field, "height")
    }

    func testValidatedChecksValuesBuiltInCode() throws {
        XCTAssertEqual(
            refusal { try VitalSigns(pulse: 400).validated() }, ValidationError("pulse", "400 is outside 20–300 beats/min"))
        XCTAssertEqual(
            refusal { try VitalSigns(weightGrams: 600_000).validated() },
            ValidationError("weight", "600 is outside 0.3–500 kg"))
        XCTAssertEqual(refusal { try VitalSigns(spo2: 20).validated() }?.field, "SpO2")
        XCTAssertEqual(try VitalSigns().validated(), VitalSigns())
    }
}
