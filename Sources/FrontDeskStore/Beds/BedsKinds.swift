// Ledger kinds of bed types, wards, beds, admissions, bed allocations and bed-day charges: typed, no free strings.

/// What the ledger entries of the beds desk record. Raw values are the ledger's `kind` column.
public enum BedsKind: String, LedgerKind, CaseIterable {
    case bedTypeAdded = "bed_type.added"
    case wardAdded = "ward.added"
    case bedAdded = "bed.added"
    case bedRetired = "bed.retired"
    case bedReserved = "bed.reserved"
    case bedReservationEnded = "bed.reservation_ended"
    case bedBlocked = "bed.blocked"
    case bedUnblocked = "bed.unblocked"
    case bedToCleaning = "bed.to_cleaning"
    case bedCleaned = "bed.cleaned"
    case admissionOpened = "admission.opened"
    case admissionCleared = "admission.cleared"
    case admissionDischarged = "admission.discharged"
    case admissionMovedByMerge = "admission.moved_by_merge"
    case bedAllocated = "bed.allocated"
    case bedReleased = "bed.released"
    case bedDayCharged = "bed.day_charged"

    public var meaning: String {
        switch self {
        case .bedTypeAdded: return "A bed type was added to the code list (with the fee code of its daily rate)."
        case .wardAdded: return "A ward was set up."
        case .bedAdded: return "A bed was added to a ward."
        case .bedRetired: return "A bed was retired (its history stays)."
        case .bedReserved: return "A free bed was reserved for an expected admission until a time."
        case .bedReservationEnded: return "A bed's reservation ended (used, cancelled or expired) and the bed is free."
        case .bedBlocked: return "A bed was blocked with a reason (broken, infection control…)."
        case .bedUnblocked: return "A blocked bed was made free again."
        case .bedToCleaning: return "A bed a patient left was marked as needing cleaning."
        case .bedCleaned: return "A bed was cleaned and is free."
        case .admissionOpened: return "A patient was admitted (inpatient or day case)."
        case .admissionCleared: return "The cashier cleared an admission's account for discharge (a guarantee, a company account…)."
        case .admissionDischarged: return "A patient was discharged: disposition, and how any balance was cleared."
        case .admissionMovedByMerge: return "A merged record's admission was moved to the survivor."
        case .bedAllocated: return "An admitted patient was given a bed (at admission, on transfer or swap, or from the waiting list)."
        case .bedReleased: return "A patient's time in a bed ended (transfer, swap, discharge or unassigned)."
        case .bedDayCharged: return "A bed-day was counted for an admission, with the charge it posted at the bed type's rate."
        }
    }

    public var tables: [String] {
        switch self {
        case .bedTypeAdded: return ["bed_types"]
        case .wardAdded: return ["wards"]
        case .bedAdded, .bedRetired, .bedReserved, .bedReservationEnded, .bedBlocked, .bedUnblocked, .bedToCleaning, .bedCleaned:
            return ["beds"]
        case .admissionOpened, .admissionCleared, .admissionDischarged, .admissionMovedByMerge: return ["admissions"]
        case .bedAllocated, .bedReleased: return ["bed_allocations"]
        case .bedDayCharged: return ["charges", "bed_day_charges"]
        }
    }
}
