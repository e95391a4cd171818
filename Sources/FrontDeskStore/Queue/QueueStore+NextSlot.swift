// Finding a slot for a patient: the next free one of a doctor (or of any doctor of a service), and whom a follow-up is with.
import Foundation
import FrontDeskCore
import GRDB

/// A free slot and the doctor it belongs to.
public struct FreeSlot: Sendable, Equatable {
    public let doctorID: String
    public let slot: Slot
}

extension QueueStore {
    /// The first slot with a free place after `after` (never one already begun), of any of
    /// `doctorIDs`, within the booking horizon; the earliest wins, then the doctor listed first.
    /// Nil when none of them has a free place until then.
    public func nextFreeSlot(doctorIDs: [String], after: LocalMoment) throws -> FreeSlot? {
        try read { db in
            let now = LocalMoment(clock.now(), in: try FacilityStore.timeZone(db))
            let start = max(after, now)
            let lastDay = now.day.adding(days: Self.bookingHorizonDays)
            var day = start.day
            while day <= lastDay {
                var best: FreeSlot?
                for doctorID in doctorIDs {
                    let slots = try Self.slots(doctorID: doctorID, day: day, db: db).slots
                    guard let slot = slots.first(where: { $0.free > 0 && LocalMoment(day: day, minute: $0.startMinute) > start })
                    else { continue }
                    if best == nil || slot.startMinute < best!.slot.startMinute { best = FreeSlot(doctorID: doctorID, slot: slot) }
                }
                if let best { return best }
                day = day.adding(days: 1)
            }
            return nil
        }
    }

    /// The service and doctor of a visit (the doctor it was booked with, or who called it), for
    /// booking its follow-up with the same clinic and doctor.
    public func visitClinic(encounterID: String) throws -> (serviceID: String?, doctorID: String?) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT e.service_id, coalesce(e.doctor_id, q.doctor_id) AS doctor_id FROM encounters e
                LEFT JOIN queue_entries q ON q.encounter_id = e.encounter_id
                WHERE e.encounter_id = ?
                """, arguments: [encounterID])
            return (row?["service_id"], row?["doctor_id"])
        }
    }
}
