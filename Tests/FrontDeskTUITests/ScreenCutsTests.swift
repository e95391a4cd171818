// Acceptance for issue 13: on every golden screen and on home and help in every role, at 80×24,
// no text is cut silently (the renderer ends cut text with "…"), no message is cut at all
// (messages wrap or are shortened at a word), and no amount of money or room number is cut; the
// live check runs on an empty facility and on one with the demo's clinics, services and doctors.
import Foundation
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskDemo
@testable import FrontDeskShell
@testable import QueueDesk

final class ScreenCutsTests: ShellTestCase {
    /// An amount as screens print it: digits with thousands separators and minor units.
    static let money = try! NSRegularExpression(pattern: #"\d{1,3}(,\d{3})*\.\d{2}"#)
    /// A room as screens name it: where a patient is sent, so never cut.
    static let room = try! NSRegularExpression(pattern: #"room \w+"#)

    /// The problems on one rendered screen: cuts of messages, cuts inside amounts, text at the edge.
    static func problems(in buffer: ScreenBuffer, name: String) -> [String] {
        var found: [String] = []
        for cut in buffer.cuts {
            let whole = cut.text.trimmingCharacters(in: .whitespaces)
            // Messages, notices and hints (prose) wrap or are shortened at a word: never cut by the renderer.
            if [.error, .accent, .warning, .muted].contains(cut.style) {
                found.append("\(name) row \(cut.row): a message is cut: \(whole)")
            }
            let range = NSRange(whole.startIndex..., in: whole)
            let line = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)[cut.row]
            for match in money.matches(in: whole, range: range) {
                let amount = (whole as NSString).substring(with: match.range)
                if !line.contains(amount) { found.append("\(name) row \(cut.row): an amount is cut: \(amount) in \(whole)") }
            }
            for match in room.matches(in: whole, range: range) {
                let named = (whole as NSString).substring(with: match.range)
                if !line.contains(named) { found.append("\(name) row \(cut.row): a room is cut: \(named) in \(whole)") }
            }
        }
        found += problems(inText: buffer.text, name: name)
        return found
    }

    /// What a screen's text alone shows: a word running to the right edge (cut with nothing after
    /// it), or "…" straight after a digit (an amount cut).
    static func problems(inText text: String, name: String) -> [String] {
        var found: [String] = []
        for (row, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line)
            if characters.count >= 80, let last = characters.last, last.isLetter || last.isNumber, row > 0 {
                found.append("\(name) row \(row): a word runs off the right edge: \(line)")
            }
            // A cut ends its text: "…" after a digit and before a space or the end ("0712…)" is prose).
            for (index, character) in characters.enumerated() where character == "…" && index > 0 && characters[index - 1].isNumber
                && (index + 1 == characters.count || characters[index + 1] == " ") {
                found.append("\(name) row \(row): a number is cut: \(line)")
            }
        }
        return found
    }

    func testNoGoldenScreenCutsAWordOrAnAmount() throws {
        let folder = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Goldens")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThan(names.count, 15)
        var found: [String] = []
        for name in names {
            found += Self.problems(inText: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), name: name)
        }
        XCTAssertEqual(found, [], found.joined(separator: "\n"))
    }

    func testHomeHelpAndEachDeskInEveryRoleCutNoMessageOrAmount() throws {
        let (found, screens) = try checkEveryRole()
        XCTAssertGreaterThan(screens, 40)
        XCTAssertEqual(found, [], found.joined(separator: "\n"))
    }

    /// With the demo's clinics (services, doctors with rooms, sessions) and a few patients waiting:
    /// every queue board (Tab), the booking screen (each doctor) and the cashier desk, in each role.
    func testTheDesksOfAFacilityWithClinicsCutNoMessageAmountOrRoom() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try addUser("dr.achieng", .doctor, password: "pass-doctor-1")
        let clinics = try DemoClinics.load()
        try clinics.fillDepartments(store, by: admin)
        try clinics.fill(store, by: admin)
        try addUser("clerk0", .receptionist, password: "pass-clerk0")
        let clerk = try store.signIn(username: "clerk0", password: "pass-clerk0")
        var patientID = ""
        for (index, service) in try store.queue.services().enumerated() {
            let patient = try store.registerPatient(NewPatient(firstName: "Amina\(index)", lastName: "Okafor", sex: "female",
                                                               dob: "1990-04-12"), by: clerk).patientID
            _ = try store.queue.checkIn(NewCheckIn(patientID: patient, serviceID: service.serviceID), by: clerk)
            patientID = patient
        }
        let doctors = try store.queue.doctors().count
        XCTAssertGreaterThan(doctors, 3)
        let (found, screens) = try checkEveryRole { role, check in
            // Every board of the queue desk and every doctor of the booking screen.
            if Commands.bookAppointment.isAllowed(for: role) {
                self.shell.show(BookingScreen(patientID: patientID, context: self.shell.context, popping: 1))
                check("booking, doctor 1")
                for doctor in 1..<doctors {
                    self.shell.press(.tab)
                    check("booking, doctor \(doctor + 1)")
                }
                self.shell.press(.escape)
            }
        } onDesk: { check in
            for board in 1...(doctors + 4) {
                self.shell.press(.tab)
                check("after Tab \(board)")
            }
        }
        XCTAssertGreaterThan(screens, 100)
        XCTAssertEqual(found, [], found.joined(separator: "\n"))
    }

    /// Home, help and each desk (and what `extra` and `onDesk` add) in every role; the problems found and
    /// how many screens were checked.
    private func checkEveryRole(extra: (Role, (String) -> Void) -> Void = { _, _ in },
                                onDesk: ((String) -> Void) -> Void = { _ in }) throws -> ([String], Int) {
        for role in Self.roles where role != .admin {
            try addUser("\(role.rawValue)1", role, password: "pass-\(role.rawValue)")
        }
        var found: [String] = []
        var screens = 0
        for role in Self.roles {
            let (user, password) = role == .admin ? ("admin", "admin-pass-1") : ("\(role.rawValue)1", "pass-\(role.rawValue)")
            signIn(user, password)
            let check = { (what: String) in
                found += Self.problems(in: self.shell.render(width: 80, height: 24), name: "\(role) \(what)")
                screens += 1
            }
            check("home")
            shell.press(.function(1))
            check("help on home")
            for _ in 0..<6 { shell.press(.pageDown); check("help on home, scrolled") }
            shell.press(.escape)
            for binding in Keymaps.deskKeys where binding.command.isAllowed(for: role) {
                shell.press(binding.key)
                shell.settle()
                check(binding.command.title)
                shell.press(.function(1))
                check("help on \(binding.command.title)")
                shell.press(.escape)
                onDesk { check("\(binding.command.title), \($0)") }
                shell.press(.escape)
            }
            shell.show(HomeScreen(context: shell.context))
            extra(role, check)
            shell.show(HomeScreen(context: shell.context))
            shell.press(.function(10))
            shell.press(.character("y"))
        }
        return (found, screens)
    }
}
