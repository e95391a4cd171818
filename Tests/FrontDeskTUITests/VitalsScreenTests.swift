// Vital signs at 80×24: refused beside the field, every bad one at once, °F offered in °C, shown on the board and the summary.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class VitalsScreenTests: QueueScreenTestCase {
    func testVitalsOutOfRangeAreRefusedBesideTheFieldAndGoodOnesAreStored() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let done = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.character("v"))
        type("120/80")
        shell.press(.tab)
        type("400")
        shell.press(.ctrl("s"))
        try assertGolden("vitals-form-error")
        shell.press(.backspace)
        shell.press(.backspace)
        shell.press(.backspace)
        type("72")
        shell.press(.tab)
        type("36.8")
        for _ in 0..<3 { shell.press(.tab) }
        type("70")
        shell.press(.tab)
        type("175")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Vitals recorded for GEN-001 Okafor, Amina: BP 120/80 · P 72 · T 36.8 · 70.0"), screen())
        let stored = try XCTUnwrap(try store.queue.latestVitals(encounterID: done.entry.encounterID))
        XCTAssertEqual(stored.vitals.bmiTenths, 229)
        XCTAssertEqual(stored.vitals.pulse, 72)
    }

    func testEveryBadVitalShowsBesideItsFieldAfterOneSave() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        _ = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.character("v"))
        shell.press(.tab)
        type("400")
        shell.press(.tab); shell.press(.tab)
        type("abc")
        shell.press(.ctrl("s"))
        let lines = screen().split(separator: "\n")
        let pulse = try XCTUnwrap(lines.first { $0.hasPrefix("  Pulse ") })
        let spo2 = try XCTUnwrap(lines.first { $0.hasPrefix("  SpO2 ") })
        XCTAssertTrue(pulse.contains("400 is outside 20–300 beats/min"), screen())
        XCTAssertTrue(spo2.contains("'abc' is not a number"), screen())
        XCTAssertTrue(screen().contains("Pulse: 400 is outside 20–300 beats/min (1 more field to correct"), screen())
    }

    /// Issue 13: a temperature typed in °F was only refused. The form offers the °C value, and
    /// one more Ctrl-S saves it; a °C value typed is saved as it is.
    func testATemperatureInFahrenheitIsSavedInCelsiusWithOneKey() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let visit = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.character("v"))
        type("120/80")
        shell.press(.tab)
        type("72")
        shell.press(.tab)
        type("101.3")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Temperature: 101.3 looks like °F = 38.5 °C; Ctrl-S again saves 38.5 °C"), screen())
        XCTAssertNil(try store.queue.latestVitals(encounterID: visit.entry.encounterID), "nothing saved yet")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Vitals recorded for GEN-001 Okafor, Amina: BP 120/80 · P 72 · T 38.5"), screen())
        XCTAssertEqual(try store.queue.latestVitals(encounterID: visit.entry.encounterID)?.vitals.temperatureTenths, 385)
        XCTAssertEqual(VitalSigns.celsiusText(forFahrenheit: "98.6 °F"), "37.0")
        XCTAssertNil(VitalSigns.celsiusText(forFahrenheit: "38.5"), "a °C value is not converted")
        XCTAssertNil(VitalSigns.celsiusText(forFahrenheit: "200"), "nor a value no thermometer shows")
    }

    /// Issue 13: recorded vital signs were seen only in the nurse's form. The board marks a visit
    /// whose vitals are taken (V), and the patient summary shows the last set with its time.
    func testVitalsShowAsAMarkerOnTheBoardAndOnTheSummary() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let nurse = try store.signIn(username: "nurse", password: "nurse-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let first = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: gen.serviceID), by: clerk)
        clock.advance(8 * 60)
        try store.queue.recordVitals(encounterID: first.entry.encounterID, try VitalSigns.parse(
            bloodPressure: "120/80", pulse: "72", temperature: "36.8", spo2: "98", respiratoryRate: "16", weight: "70",
            height: "175"), by: nurse)
        openBoard("nurse", "nurse-pass-1")
        XCTAssertTrue(screen().contains("  V    GEN-001  Okafor, Amina"), screen())
        XCTAssertTrue(screen().contains("       GEN-002  Nguyễn, Thị Ánh"), "no vitals, no marker:\n\(screen())")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Vitals today 07:20: BP 120/80 · P 72 · T 36.8 · SpO2 98 · RR 16 · 70.0 kg …"),
                      screen())
    }
}
