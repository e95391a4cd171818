// What every screen may read: the store, the facility, who is signed in, the time.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// The signed-in user of this terminal.
public struct SessionInfo: Sendable {
    public let actor: Actor
    public init(actor: Actor) { self.actor = actor }
}

/// Shared, read-mostly state of one terminal.
public final class ShellContext {
    public let store: FacilityStore
    public let facility: Facility
    public let clock: any Clock
    public let terminalName: String
    public internal(set) var session: SessionInfo?
    /// The patient opened last on this terminal in this session (recall key); cleared at sign-out.
    var lastPatientID: String?
    /// The desk opened last from the home screen: where a patient's record is being looked at.
    var currentDesk: Desk?

    public init(store: FacilityStore, clock: any Clock = SystemClock(), terminalName: String) throws {
        self.store = store
        self.facility = try store.facility()
        self.clock = clock
        self.terminalName = terminalName
    }

    /// The facility's local time, e.g. `22 Nov 07:41`.
    public var localTime: String {
        timeFormatter.string(from: clock.now())
    }

    /// The facility's time zone.
    lazy var timeZone: TimeZone = TimeZone(identifier: facility.timezone) ?? TimeZone(identifier: "UTC")!

    /// The facility's wall clock now.
    var localNow: LocalMoment { LocalMoment(clock.now(), in: timeZone) }

    /// Today's date in the facility's time zone.
    var today: CalendarDay { localNow.day }

    /// Whether the signed-in user's role grants `permission`.
    func may(_ permission: Permission) -> Bool {
        guard let role = session?.actor.role else { return false }
        return PermissionTable.allows(role, permission)
    }

    /// Records that the signed-in user opened `patientID`'s record on `screen`. Returns a notice
    /// for the screen when the record could not be written (the record is still shown: a front
    /// desk must not stop because its audit disk is full, but the user is told).
    func recordAccess(patientID: String, screen: String) -> String? {
        guard let actor = session?.actor else { return nil }
        do {
            try store.recordPatientAccess(patientID: patientID, desk: currentDesk?.rawValue ?? "home", screen: screen,
                                          terminal: terminalName, by: actor)
            return nil
        } catch {
            return "This view could not be recorded in the access log: \(error)"
        }
    }

    /// Made once: the run loop asks for the time several times a second.
    private lazy var timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: facility.timezone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM HH:mm"
        return formatter
    }()
}
