// Ledger kinds of services, doctors and schedules, appointments, visits and the queue: typed, no free strings.

/// What the ledger entries of services, doctors and schedules, appointments, visits and the queue record. Raw values are the ledger's `kind` column.
public enum QueueKind: String, LedgerKind, CaseIterable {
    case serviceCreated = "service.created"
    case doctorCreated = "doctor.created"
    case doctorRenamed = "doctor.renamed"
    case scheduleAdded = "schedule.added"
    case leaveAdded = "leave.added"
    case holidayAdded = "holiday.added"
    case appointmentBooked = "appointment.booked"
    case appointmentRescheduled = "appointment.rescheduled"
    case appointmentCancelled = "appointment.cancelled"
    case appointmentNoShow = "appointment.no_show"
    case appointmentArrived = "appointment.arrived"
    case appointmentCheckInUndone = "appointment.check_in_undone"
    case appointmentMovedByMerge = "appointment.moved_by_merge"
    case encounterOpened = "encounter.opened"
    case encounterFinished = "encounter.finished"
    case encounterClosed = "encounter.closed"
    case encounterMovedByMerge = "encounter.moved_by_merge"
    case queueCheckedIn = "queue.checked_in"
    case queueCalled = "queue.called"
    case queueConsultationStarted = "queue.consultation_started"
    case queueDone = "queue.done"
    case queueLeft = "queue.left"
    case queueCancelled = "queue.cancelled"
    case queueNoShow = "queue.no_show"
    case queueReturned = "queue.returned"
    case queueMovedByMerge = "queue.moved_by_merge"
    case vitalsRecorded = "vitals.recorded"
    case vitalsMovedByMerge = "vitals.moved_by_merge"

    public var meaning: String {
        switch self {
        case .serviceCreated: return "A service (clinic) was set up."
        case .doctorCreated: return "A doctor was added."
        case .doctorRenamed: return "A doctor's display name was changed."
        case .scheduleAdded: return "A weekly session was added to a doctor's schedule."
        case .leaveAdded: return "A doctor's leave was recorded."
        case .holidayAdded: return "A facility holiday was added."
        case .appointmentBooked: return "An appointment was booked."
        case .appointmentRescheduled: return "An appointment was moved to another slot."
        case .appointmentCancelled: return "An appointment was cancelled."
        case .appointmentNoShow: return "A booked patient did not come (marked, or at close of day)."
        case .appointmentArrived: return "A booked patient was checked in."
        case .appointmentCheckInUndone: return "A booked patient's check-in was undone."
        case .appointmentMovedByMerge: return "A merged record's booked appointment was moved to the survivor."
        case .encounterOpened: return "A visit was opened at check-in."
        case .encounterFinished: return "A visit ended with the patient seen."
        case .encounterClosed: return "A visit ended without the patient seen (left, cancelled, no-show)."
        case .encounterMovedByMerge: return "A merged record's visit was moved to the survivor."
        case .queueCheckedIn: return "A patient joined a service's queue with a token."
        case .queueCalled: return "A waiting patient was called."
        case .queueConsultationStarted: return "A called patient went in to be seen."
        case .queueDone: return "A patient was seen (or marked seen at close of day)."
        case .queueLeft: return "A patient left before being seen."
        case .queueCancelled: return "A check-in was cancelled."
        case .queueNoShow: return "A waiting patient was marked a no-show at close of day."
        case .queueReturned: return "A called patient was sent back to wait."
        case .queueMovedByMerge: return "A merged record's queue entry was moved to the survivor."
        case .vitalsRecorded: return "Vital signs were taken at triage."
        case .vitalsMovedByMerge: return "A merged record's vital signs were moved to the survivor with their visit."
        }
    }

    public var tables: [String] {
        switch self {
        case .serviceCreated: return ["services"]
        case .doctorCreated, .doctorRenamed: return ["doctors"]
        case .scheduleAdded: return ["doctor_schedules"]
        case .leaveAdded: return ["doctor_leave"]
        case .holidayAdded: return ["holidays"]
        case .appointmentBooked, .appointmentRescheduled, .appointmentCancelled, .appointmentNoShow, .appointmentArrived, .appointmentCheckInUndone, .appointmentMovedByMerge: return ["appointments"]
        case .encounterOpened, .encounterFinished, .encounterClosed, .encounterMovedByMerge: return ["encounters"]
        case .queueCheckedIn, .queueCalled, .queueConsultationStarted, .queueDone, .queueLeft, .queueCancelled, .queueNoShow, .queueReturned, .queueMovedByMerge: return ["queue_entries"]
        case .vitalsRecorded, .vitalsMovedByMerge: return ["vital_signs"]
        }
    }

    /// The kind of moving a queue entry to `status` (close of day's done, left and no-show).
    static func statusChange(to status: QueueStatus) -> QueueKind {
        switch status {
        case .checkedIn: return .queueCheckedIn
        case .called: return .queueCalled
        case .inConsultation: return .queueConsultationStarted
        case .done: return .queueDone
        case .cancelled: return .queueCancelled
        case .noShow: return .queueNoShow
        case .left: return .queueLeft
        }
    }
}
