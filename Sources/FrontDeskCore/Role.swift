// Staff roles and what each may do: the one permission table every layer consults.

/// A staff role. Doctors are staff who can be booked; they see patients but run no desk.
public enum Role: String, CaseIterable, Sendable, Codable {
    case admin, receptionist, nurse, pharmacist, cashier, supervisor, doctor

    /// The name shown to people.
    public var title: String {
        switch self {
        case .admin: return "Administrator"
        case .receptionist: return "Receptionist"
        case .nurse: return "Nurse"
        case .pharmacist: return "Pharmacist"
        case .cashier: return "Cashier"
        case .supervisor: return "Supervisor"
        case .doctor: return "Doctor"
        }
    }
}

/// Something a user may be allowed to do. The store checks these itself, not only the screens.
public enum Permission: String, CaseIterable, Sendable {
    case manageUsers = "users.manage"
    case manageFacility = "facility.manage"
    case manageCodes = "codes.manage"
    case viewPatients = "patients.view"
    case registerPatient = "patients.register"
    case editPatient = "patients.edit"
    case mergePatients = "patients.merge"
    case importPatients = "patients.import"
    case bookAppointment = "appointments.book"
    case viewQueue = "queue.view"
    case checkIn = "queue.checkin"
    case closeQueueDay = "queue.close"
    case callPatient = "queue.call"
    case recordVitals = "vitals.record"
    /// Adding an allergy to a patient's record: clinical staff as well as the front desk.
    case recordAllergies = "allergies.record"
    case allocateBeds = "beds.allocate"
    /// Entering a prescription: a doctor for their patient, a pharmacist from paper at the counter.
    case prescribe = "pharmacy.prescribe"
    case dispense = "pharmacy.dispense"
    case manageStock = "pharmacy.stock"
    case takePayment = "cashier.pay"
    case authorizeRefund = "cashier.authorize"
    case manageFees = "cashier.fees"
    case viewReports = "reports.view"
    case manageSync = "sync.manage"
    case exportLedger = "ledger.export"
}

/// Which role may do what. One table, read by the store and the screens alike.
public enum PermissionTable {
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .admin:
            return [.manageUsers, .manageFacility, .manageCodes, .manageFees, .viewReports, .manageSync,
                    .exportLedger, .viewPatients, .importPatients]
        case .receptionist:
            return [.viewPatients, .registerPatient, .editPatient, .recordAllergies, .bookAppointment, .viewQueue, .checkIn,
                    .closeQueueDay]
        case .nurse:
            return [.viewPatients, .viewQueue, .checkIn, .callPatient, .recordVitals, .recordAllergies, .allocateBeds]
        case .pharmacist:
            return [.viewPatients, .prescribe, .dispense, .manageStock]
        case .cashier:
            return [.viewPatients, .takePayment]
        case .supervisor:
            return [.viewPatients, .registerPatient, .editPatient, .recordAllergies, .mergePatients, .bookAppointment, .viewQueue,
                    .checkIn, .closeQueueDay, .callPatient, .recordVitals, .allocateBeds, .takePayment, .authorizeRefund, .viewReports]
        case .doctor:
            return [.viewPatients, .viewQueue, .callPatient, .recordVitals, .recordAllergies, .prescribe]
        }
    }

    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        permissions(of: role).contains(permission)
    }
}
