// The demo facility's wards and beds (six wards, 120 beds), with patients admitted over the past days.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// Wards and beds of the demo, and its inpatients: about two thirds of the beds occupied, admitted over
/// the last week (so the board shows a spread of days in bed and bed-days are charged), a few beds
/// needing cleaning or blocked, two reserved, and two patients waiting for a bed.
enum DemoWards {
    struct WardSpec {
        let code: String, name: String, department: String
        let beds: [(labels: String, type: String, tags: [String])]
    }

    static let wards: [WardSpec] = [
        WardSpec(code: "A", name: "Medical Ward A", department: "MED",
                 beds: [("A1-A4", "general", ["oxygen"]), ("A5-A24", "general", []), ("ISO1-ISO4", "isolation", ["isolation", "oxygen"])]),
        WardSpec(code: "B", name: "Surgical Ward B", department: "SURG", beds: [("B1-B24", "general", [])]),
        WardSpec(code: "MAT", name: "Maternity", department: "MAT", beds: [("M1-M20", "maternity", ["female"])]),
        WardSpec(code: "PAED", name: "Paediatrics", department: "MED", beds: [("P1-P16", "paediatric", ["child"])]),
        WardSpec(code: "PVT", name: "Private Wing", department: "SURG", beds: [("PV1-PV20", "private", [])]),
        WardSpec(code: "ICU", name: "Intensive Care", department: "ICU", beds: [("ICU1-ICU8", "icu", ["oxygen", "monitor"])]),
    ]

    static let reasons = ["Pneumonia", "Post-operative care", "Malaria, severe", "Labour", "Dehydration", "Fractured femur",
                          "Diabetic ketoacidosis", "Observation after fall", "Appendicitis", "Heart failure"]

    /// Adds the wards and inpatients when the store has no wards yet. The wards are set up eight days ago
    /// (so the census of the past week counts their beds), with a clock set back.
    static func fill(_ store: FacilityStore, admin: DemoLogin, nurse: DemoLogin) throws {
        guard try store.beds.wards().isEmpty else { return }
        let clock = DemoClock(Date().addingTimeInterval(-8 * 86_400))
        let past = try FacilityStore.open(at: store.path, clock: clock)
        defer { try? past.close() }
        let setUp = try past.signIn(username: admin.username, password: admin.password)
        for ward in wards {
            _ = try past.beds.addWard(code: ward.code, name: ward.name, departmentCode: ward.department, by: setUp)
            for group in ward.beds {
                _ = try past.beds.addBeds(wardCode: ward.code, labels: group.labels, typeCode: group.type, tags: group.tags, by: setUp)
            }
        }
        try admitPatients(store, past: past, clock: clock, nurse: nurse)
    }

    /// Admissions made with the clock set back, so that each patient has been in for their own number of hours.
    private static func admitPatients(_ store: FacilityStore, past: FacilityStore, clock: DemoClock, nurse: DemoLogin) throws {
        let actor = try past.signIn(username: nurse.username, password: nurse.password)
        var random = SeededRandom(seed: 4_121_2026)
        let beds = try store.beds.board().beds
        let patients = try store.patientIDs(registeredFirst: 200)
        // Two in three beds occupied, each by a patient in for a random number of hours up to a week,
        // admitted in the order they came.
        let occupied = beds.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
        let stays = occupied.map { ($0, Int(random.next() % (7 * 24 - 2)) + 1) }.sorted { $0.1 > $1.1 }
        for (index, (bed, hours)) in stays.enumerated() {
            clock.set(Date().addingTimeInterval(-Double(hours) * 3600))
            _ = try past.beds.admit(NewAdmission(
                patientID: patients[index], reason: reasons[index % reasons.count], expectedDays: String(3 + index % 5), bedID: bed.bedID),
                by: actor)
        }
        clock.set(Date().addingTimeInterval(-3600))
        let free = beds.enumerated().filter { $0.offset % 3 == 2 }.map(\.element)
        var next = occupied.count
        // Two admitted an hour ago and waiting for a bed.
        for _ in 0..<2 {
            _ = try past.beds.admit(NewAdmission(patientID: patients[next], reason: "Awaiting surgical bed"), by: actor)
            next += 1
        }
        // Two moved to another bed an hour ago: the beds they left need cleaning.
        for (from, to) in [(free[0], free[20]), (free[10], free[30])] {
            clock.set(Date().addingTimeInterval(-5 * 3600))
            let stay = try past.beds.admit(NewAdmission(patientID: patients[next], reason: "Observation", bedID: from.bedID), by: actor)
            clock.set(Date().addingTimeInterval(-3600))
            _ = try past.beds.moveToBed(admissionID: stay.admission.admissionID, bedID: to.bedID, reason: "Nearer the nurses' station",
                                        by: actor)
            next += 1
        }
        let live = try store.signIn(username: nurse.username, password: nurse.password)
        try store.beds.block(bedID: free[15].bedID, reason: "Broken bed rail", by: live)
        try store.beds.block(bedID: free[25].bedID, reason: "Infection control", by: live)
        for (offset, bed) in [free[5], free[35]].enumerated() {
            try store.beds.reserve(bedID: bed.bedID, for: patients[next + offset], until: Date().addingTimeInterval(4 * 3600), by: live)
        }
        _ = try store.beds.accrueBedDays()
    }
}

/// A clock the demo sets back to admit patients in the past.
final class DemoClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    func now() -> Date { lock.withLock { current } }
    func set(_ date: Date) { lock.withLock { current = date } }
}
