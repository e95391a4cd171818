// The desks on the home screen and who may open each (which are built: FrontDeskApp's list).
import FrontDeskCore

/// A desk (a group of screens for one kind of front-desk work).
public enum Desk: String, CaseIterable, Sendable {
    case registration, queue, beds, pharmacy, cashier, reports, sync

    public var title: String {
        switch self {
        case .registration: return "Registration"
        case .queue: return "Queue"
        case .beds: return "Beds"
        case .pharmacy: return "Pharmacy"
        case .cashier: return "Cashier"
        case .reports: return "Reports"
        case .sync: return "Sync"
        }
    }

    public var summary: String {
        switch self {
        case .registration: return "Find or register patients."
        case .queue: return "Check-in, queue board, appointments."
        case .beds: return "Bed board: admit, transfer, discharge."
        case .pharmacy: return "Dispense against prescriptions; stock."
        case .cashier: return "Payments, receipts, shifts."
        case .reports: return "Census, occupancy, collections, stock."
        case .sync: return "The ledger's way to the central server."
        }
    }

    /// F2 … F8.
    public var functionKey: Int { 2 + Desk.allCases.firstIndex(of: self)! }

    /// The permission that opens the desk.
    public var permission: Permission {
        switch self {
        case .registration: return .registerPatient
        case .queue: return .viewQueue
        case .beds: return .allocateBeds
        case .pharmacy: return .dispense
        case .cashier: return .takePayment
        case .reports: return .viewReports
        case .sync: return .manageSync
        }
    }

    /// The desks `role` may open.
    public static func available(to role: Role?) -> [Desk] {
        guard let role else { return [] }
        return allCases.filter { PermissionTable.allows(role, $0.permission) }
    }
}
