// The demo's outpatient clinics: consultation fees, services, doctors and their weekly sessions.
import FrontDeskCore
import FrontDeskStore

enum DemoClinics {
    /// Fee code, name, amount in cents (KES).
    static let fees: [(String, String, Int64)] = [
        ("CONSULT", "Consultation", 50_000),
        ("CONSULT-SPEC", "Specialist consultation", 150_000), ("TRIAGE", "Emergency triage", 30_000),
        ("LAB-FBC", "Full blood count", 80_000), ("LAB-MAL", "Malaria test", 40_000), ("XRAY-CHEST", "Chest X-ray", 250_000),
        ("DRESSING", "Wound dressing", 30_000),
    ]

    /// Code, name, department, fee code.
    static let services: [(String, String, String, String?)] = [
        ("GEN", "General Outpatient", "GEN", "CONSULT"), ("CARD", "Cardiology", "CARD", "CONSULT-SPEC"),
        ("PAED", "Paediatrics", "PAED", "CONSULT"), ("ANC", "Antenatal Clinic", "ANC", nil),
        ("ER", "Emergency", "ER", "TRIAGE"),
    ]

    /// Name, service, room, username, weekly sessions (weekdays, start, end, slot minutes, capacity).
    static let doctors: [(String, String, String, String?, [(ClosedRange<Int>, String, String, Int, Int)])] = [
        ("Dr. Achieng Otieno", "CARD", "4", "dr.achieng", [(1...5, "08:00", "12:00", 20, 1), (2...2, "14:00", "16:00", 20, 1)]),
        ("Dr. Samuel Mwangi", "GEN", "1", nil, [(1...5, "08:00", "12:00", 15, 2), (1...5, "14:00", "17:00", 15, 2), (6...6, "09:00", "12:00", 15, 2)]),
        ("Dr. Leila Haddad", "GEN", "2", nil, [(1...5, "08:00", "13:00", 15, 2)]),
        ("Dr. Chen Wei", "PAED", "3", nil, [(1...5, "08:30", "12:30", 15, 1)]),
        ("Mary Njeri (midwife)", "ANC", "5", nil, [(2...2, "08:00", "12:00", 30, 3), (4...4, "08:00", "12:00", 30, 3)]),
        ("Dr. Tomás Rivera", "ER", "ER", nil, []),
    ]

    /// Sets up what is missing: an earlier demo store gains its clinics on the next `frontdesk demo`.
    static func fill(_ store: FacilityStore, by admin: Actor) throws {
        let known = Set(try store.fees().map(\.code))
        for (code, name, amount) in fees where !known.contains(code) {
            try store.setFee(code: code, name: name, amountMinor: amount, from: CalendarDay("2026-01-01")!, by: admin)
        }
        guard try store.services().isEmpty else { return }
        for (code, name, department, fee) in services {
            try store.addService(code: code, name: name, feeCode: fee, departmentCode: department, by: admin)
        }
        for (name, service, room, username, sessions) in doctors {
            let doctor = try store.addDoctor(name: name, serviceCode: service, room: room, username: username, by: admin)
            for (weekdays, start, end, slot, capacity) in sessions {
                for weekday in weekdays {
                    try store.addSession(doctorID: doctor.doctorID, NewSession(
                        weekday: weekday, startMinute: LocalMoment.minute(start)!, endMinute: LocalMoment.minute(end)!,
                        slotMinutes: slot, capacity: capacity, validFrom: CalendarDay("2026-01-01")!), by: admin)
                }
            }
        }
        try store.addHoliday(CalendarDay("2026-12-12")!, name: "Jamhuri Day", by: admin)
        try store.addHoliday(CalendarDay("2026-12-25")!, name: "Christmas Day", by: admin)
        try store.addHoliday(CalendarDay("2026-12-26")!, name: "Boxing Day", by: admin)
    }
}
