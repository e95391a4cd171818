// `frontdesk beds`: add and list beds, admit and discharge, post bed-day charges, the census.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct BedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "beds", abstract: "Beds: set-up, admissions, bed-day charges and the census.",
        subcommands: [List.self, Add.self, Admit.self, Discharge.self, Clear.self, Accrue.self, Census.self, ChargeTime.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every bed (of one ward) with its type, tags and status.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this ward's beds.") var ward: String?
        func run() throws {
            try store.reading { opened in
                let board = try opened.beds.board(wardID: try ward.map { code in
                    guard let found = try opened.beds.wards().first(where: { $0.code == code.uppercased() }) else {
                        throw InputError(message: "there is no ward \(code.uppercased())")
                    }
                    return found.wardID
                })
                if board.beds.isEmpty { print("No beds. Add some with `frontdesk beds add WARD --labels A1-A20 --type general`."); return }
                for bed in board.beds {
                    var line = "\(bed.wardCode.padding(toLength: 5, withPad: " ", startingAt: 0)) \(bed.label.padding(toLength: 8, withPad: " ", startingAt: 0)) "
                        + "\(bed.typeName.padding(toLength: 11, withPad: " ", startingAt: 0)) \(bed.status.title)"
                    if let name = bed.patientName, let mrn = bed.mrn { line += ": \(name) (\(mrn))" }
                    if let reason = bed.reason { line += ": \(reason)" }
                    if !bed.tags.isEmpty { line += "  [\(bed.tags.map(\.rawValue).joined(separator: ", "))]" }
                    print(line)
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add beds to a ward by label range: --labels A1-A20 (at most 200 at a time).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The ward's code.") var ward: String
        @Option(help: "Labels: A1-A20, A1-20, or a list like ICU1,ICU2.") var labels: String
        @Option(help: "Bed type: general, private, icu, maternity, paediatric, isolation, or one added.") var type: String
        @Option(help: "Tags, comma-separated: oxygen, monitor, isolation, male, female, child.") var tags: String = ""
        func run() throws {
            try store.signedIn(as: acting) { session in
                let beds = try session.store.beds.addBeds(wardCode: ward, labels: labels, typeCode: type, tags: [tags], by: try session.actor())
                print("\(beds.count) bed(s) added to ward \(ward.uppercased()): \(beds.map(\.label).joined(separator: ", ")).")
            }
        }
    }

    struct Admit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Admit a patient, into a bed or onto the waiting list.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @OptionGroup var patient: PatientByMRN
        @Option(help: "Why they are admitted.") var reason: String
        @Option(help: "The bed, as WARD LABEL (e.g. \"A A3\"); left out: waiting for a bed.") var bed: String?
        @Option(help: "Admitting diagnosis, as text.") var diagnosis: String = ""
        @Option(name: .customLong("expected-days"), help: "Expected stay in days.") var expectedDays: String = ""
        @Flag(name: .customLong("day-case"), help: "A day case, not an inpatient stay.") var dayCase = false
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let patientID = try patient.id(in: opened)
                let admitted = try opened.beds.admit(NewAdmission(
                    patientID: patientID, kind: dayCase ? .dayCase : .inpatient, reason: reason, diagnosis: diagnosis,
                    expectedDays: expectedDays, bedID: try bed.map { try opened.beds.bedID(named: $0) }), by: try session.actor())
                print("\(patient.mrn) admitted" + (admitted.bedName.map { " into \($0)." } ?? ", waiting for a bed."))
            }
        }
    }

    struct Discharge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Discharge an admitted patient. With money owed after the deposit: --authorised-by a supervisor and --authorisation-reason.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @OptionGroup var patient: PatientByMRN
        @Option(help: "home, referred, against-advice or died.") var disposition: String
        @Option(help: "Discharge note.") var note: String = ""
        @Option(name: .customLong("authorised-by"), help: "A supervisor's username (their password is read after yours).") var supervisor: String?
        @Option(name: .customLong("authorisation-reason"), help: "Why the patient may leave owing.") var authorisationReason: String = ""
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let admission = try patient.admission(in: opened)
                guard let chosen = Disposition(rawValue: disposition.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                    throw InputError(message: "--disposition is home, referred, against-advice or died")
                }
                let actor = try session.actor()  // your password is the first line; the supervisor's comes next
                let authorization = try supervisor.map { name in
                    try opened.cashier.authorize(username: name, password: try acting.passwords.read(prompt: "Supervisor's password (\(name))"),
                                                 action: "a discharge", terminal: "cli")
                }
                let done = try opened.beds.discharge(DischargeRequest(
                    admissionID: admission.admission.admissionID, disposition: chosen, note: note, authorization: authorization,
                    authorizationReason: authorisationReason), by: actor)
                let owed = done.balanceAtDischargeMinor ?? 0
                print("\(patient.mrn) discharged (\(chosen.title.lowercased()))" + (owed > 0 ? "; left owing \(try opened.cashier.currency().format(owed))." : "."))
            }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The cashier clears an admitted patient's account for discharge (a guarantee, a company account): no supervisor is then needed.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @OptionGroup var patient: PatientByMRN
        @Option(help: "Why the account is cleared.") var reason: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let admission = try patient.admission(in: opened)
                try opened.beds.clearForDischarge(admissionID: admission.admission.admissionID, reason: reason, by: try session.actor())
                print("\(patient.mrn)'s account is cleared for discharge.")
            }
        }
    }

    struct Accrue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post every bed-day charge due and not yet posted (safe to run again: nothing is charged twice).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        func run() throws {
            try store.signedIn(as: acting) { session in
                let report = try session.store.beds.accrueBedDays(by: try session.actor())
                print("\(report.days) bed-day(s) posted for \(report.admissions) admission(s): \(try session.store.cashier.currency().format(report.amountMinor)).")
            }
        }
    }

    struct Census: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The midnight census per ward: in bed, admissions, discharges, deaths, transfers, occupancy, average stay, turnover.")
        @OptionGroup var store: StoreOptions
        @Option(help: "One day (YYYY-MM-DD); yesterday if no day or period is given.") var day: String?
        @Option(help: "First day of a period.") var from: String?
        @Option(help: "Last day of a period.") var to: String?

        /// One line per ward and the facility's: the counts, then the rates (definitions: docs/beds.md).
        static func lines(_ report: CensusReport) -> [String] {
            func cell(_ text: String, _ width: Int) -> String {
                String(repeating: " ", count: max(0, width - text.count)) + text
            }
            func tenths(_ value: Int?) -> String { value.map { "\($0 / 10).\($0 % 10)" } ?? "-" }
            func hundredths(_ value: Int?) -> String {
                value.map { "\($0 / 100)." + ($0 % 100 < 10 ? "0" : "") + "\($0 % 100)" } ?? "-"
            }
            var out = ["Ward".padding(toLength: 8, withPad: " ", startingAt: 0) + cell("In bed", 7) + cell("Adm", 5) + cell("Disch", 6)
                + cell("Died", 5) + cell("T-in", 5) + cell("T-out", 6) + cell("Pt-days", 8) + cell("Occ %", 7) + cell("ALOS", 6)
                + cell("Turnover", 9)]
            for ward in report.wards + [report.total] {
                out.append(ward.wardCode.padding(toLength: 8, withPad: " ", startingAt: 0) + cell("\(ward.inBedAtEnd)", 7)
                    + cell("\(ward.admissions)", 5) + cell("\(ward.discharges)", 6) + cell("\(ward.deaths)", 5)
                    + cell(ward.wardCode == report.total.wardCode ? "-" : "\(ward.transfersIn)", 5)
                    + cell(ward.wardCode == report.total.wardCode ? "-" : "\(ward.transfersOut)", 6)
                    + cell("\(ward.inpatientDays)", 8) + cell(tenths(ward.occupancyTenths), 7) + cell(tenths(ward.averageStayTenths), 6)
                    + cell(hundredths(ward.turnoverHundredths(days: report.days)), 9))
            }
            return out
        }

        func run() throws {
            try store.reading { opened in
                let first: CalendarDay, last: CalendarDay
                if let day {
                    first = try parseDay(day, option: "--day", store: opened)
                    last = first
                } else if from != nil || to != nil {
                    (first, last) = try parseDayRange(from: from, to: to, store: opened)
                } else {
                    first = try opened.localNow().day.adding(days: -1)
                    last = first
                }
                let report = try opened.beds.census(from: first, to: last)
                print(first == last ? "Census \(first)" : "Census \(first) to \(last) (\(report.days) days)")
                for line in Self.lines(report) { print(line) }
            }
        }
    }

    struct ChargeTime: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "charge-time", abstract: "Show or set when a bed-day is counted (default 00:00) and the grace after it (default 120 minutes).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Local time of day, HH:MM.") var at: String?
        @Option(help: "Minutes after the charge time a patient must still be admitted, 0-720.") var grace: Int?
        func run() throws {
            try store.signedIn(as: acting) { session in
                let beds = session.store.beds
                let current = try beds.bedDayRule()
                if at != nil || grace != nil {
                    try beds.setBedDayRule(chargeTime: at ?? current.chargeTimeText, graceMinutes: grace ?? current.graceMinutes,
                                           by: try session.actor())
                }
                let rule = try beds.bedDayRule()
                print("A bed-day is counted at \(rule.chargeTimeText) if the patient is still admitted \(rule.graceMinutes) minutes later.")
            }
        }
    }
}

/// `--patient MRN`: the patient it names, and their stay.
extension PatientByMRN {
    /// The patient's open admission; refused when they are not admitted.
    func admission(in store: FacilityStore) throws -> CurrentAdmission {
        guard let admission = try store.beds.currentAdmission(of: try id(in: store)) else {
            throw InputError(message: "\(mrn) is not admitted")
        }
        return admission
    }
}
