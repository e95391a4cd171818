// The demo's clinics, read from Resources/demo: departments, services, doctors, weekly sessions, holidays, fees.
import Foundation
import FrontDeskCore
import FrontDeskImport
import FrontDeskResources
import FrontDeskStore

/// Resources/demo/clinics.json as written: data, so that the demo facility changes without code.
struct DemoClinics: Decodable {
    struct DepartmentEntry: Decodable { var code: String; var name: String; var kind: Department.Kind }
    struct ServiceEntry: Decodable { var code: String; var name: String; var department: String; var fee: String? }
    struct SessionEntry: Decodable { var days: String; var start: String; var end: String; var slotMinutes: Int; var capacity: Int }
    struct DoctorEntry: Decodable {
        var name: String; var service: String; var room: String?; var username: String?; var sessions: [SessionEntry]
    }
    struct HolidayEntry: Decodable { var day: String; var name: String }

    var validFrom: String
    var departments: [DepartmentEntry]
    var services: [ServiceEntry]
    var doctors: [DoctorEntry]
    var holidays: [HolidayEntry]

    /// The demo's clinics from Resources/demo/clinics.json.
    static func load() throws -> DemoClinics {
        try JSONDecoder().decode(DemoClinics.self, from: try ResourceFiles.data("demo/clinics.json"))
    }

    /// Adds the departments that are missing.
    func fillDepartments(_ store: FacilityStore, by admin: Actor) throws {
        let existing = Set(try store.departments().map(\.code))
        for d in departments where !existing.contains(d.code) {
            try store.addDepartment(code: d.code, name: d.name, type: d.kind, by: admin)
        }
    }

    /// Sets up what is missing: an earlier demo store gains its clinics on the next `frontdesk demo`.
    /// The fees are Resources/demo/fees.csv, imported as any fee schedule file is (rates already set are left).
    func fill(_ store: FacilityStore, by admin: Actor) throws {
        let fees = try ResourceFiles.existingPath("demo/fees.csv")
        let report = try FeeScheduleImport(store: store).run(file: fees, skipBad: false, by: admin)
        if let bad = report.badRows.first { throw ValidationError("demo fees", bad.description) }
        guard try store.queue.services().isEmpty else { return }
        guard let from = CalendarDay(validFrom) else { throw ValidationError("validFrom", "is not a YYYY-MM-DD date") }
        for s in services {
            try store.queue.addService(code: s.code, name: s.name, feeCode: s.fee, departmentCode: s.department, by: admin)
        }
        for d in doctors {
            let doctor = try store.queue.addDoctor(name: d.name, serviceCode: d.service, room: d.room, username: d.username, by: admin)
            for session in d.sessions {
                guard let start = LocalMoment.minute(session.start), let end = LocalMoment.minute(session.end) else {
                    throw ValidationError("sessions", "'\(session.start)-\(session.end)' is not a time range like 08:00-12:00")
                }
                for weekday in try Self.weekdays(session.days) {
                    try store.queue.addSession(doctorID: doctor.doctorID, NewSession(
                        weekday: weekday, startMinute: start, endMinute: end,
                        slotMinutes: session.slotMinutes, capacity: session.capacity, validFrom: from), by: admin)
                }
            }
        }
        for h in holidays {
            guard let day = CalendarDay(h.day) else { throw ValidationError("holidays", "'\(h.day)' is not a YYYY-MM-DD date") }
            try store.queue.addHoliday(day, name: h.name, by: admin)
        }
    }

    /// "Mon-Fri" → 1…5, "Tue" → [2]: weekdays as the store numbers them (Monday 1).
    static func weekdays(_ text: String) throws -> [Int] {
        let names = text.split(separator: "-").map { name in CalendarDay.weekdayNames.firstIndex(of: String(name)).map { $0 + 1 } }
        guard let first = names.first ?? nil, let last = names.last ?? nil, names.count <= 2, first <= last else {
            throw ValidationError("sessions", "'\(text)' is not a weekday (Mon … Sun) or a range like Mon-Fri")
        }
        return Array(first...last)
    }
}
