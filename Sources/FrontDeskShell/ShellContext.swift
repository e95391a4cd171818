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
    package var lastPatientID: String?
    /// The desk opened last from the home screen: where a patient's record is being looked at.
    package var currentDesk: Desk?

    /// The desks built into this program (FrontDeskApp's list), in the order of their function keys.
    public let desks: [any DeskModule]

    public init(store: FacilityStore, clock: any Clock = SystemClock(), terminalName: String, desks: [any DeskModule]) throws {
        self.store = store
        self.desks = desks
        self.facility = try store.facility()
        self.clock = clock
        self.terminalName = terminalName
    }

    /// The facility's local time, e.g. `22 Nov 07:41`.
    public var localTime: String {
        timeFormatter.string(from: clock.now())
    }

    /// The status line's sync words, read from the store at most once a second (and after any commit).
    package var syncIndicator: SyncIndicator {
        let nowTicks = DispatchTime.now().uptimeNanoseconds
        if let cached = syncCache, nowTicks - cached.readAt < 1_000_000_000 { return cached.indicator }
        let indicator = (try? store.syncStatus()).map { SyncIndicator.of($0, now: clock.now(), timeZone: timeZone) }
            ?? SyncIndicator(text: "Sync: unknown", isAlarm: true)
        syncCache = (indicator, nowTicks)
        return indicator
    }

    /// Forgets the sync words read last: a commit may have changed them.
    package func forgetSyncIndicator() { syncCache = nil }

    private var syncCache: (indicator: SyncIndicator, readAt: UInt64)?

    /// The facility's time zone.
    package lazy var timeZone: TimeZone = TimeZone(identifier: facility.timezone) ?? TimeZone(identifier: "UTC")!

    /// The facility's wall clock now.
    package var localNow: LocalMoment { LocalMoment(clock.now(), in: timeZone) }

    /// Today's date in the facility's time zone.
    package var today: CalendarDay { localNow.day }

    /// Whether the signed-in user's role grants `permission`.
    package func may(_ permission: Permission) -> Bool {
        guard let role = session?.actor.role else { return false }
        return PermissionTable.allows(role, permission)
    }

    /// Whether the signed-in user may use `command` (the filter every keymap goes through).
    package func allows(_ command: Command) -> Bool {
        command.isAllowed(for: session?.actor.role)
    }

    /// The registered desk for `desk`, or nil when it is not built.
    package func module(for desk: Desk) -> (any DeskModule)? {
        desks.first { $0.desk == desk }
    }

    /// Opens `desk`: its first screen, or a placeholder for a desk not built yet.
    package func open(_ desk: Desk) -> any Screen {
        currentDesk = desk
        return module(for: desk)?.firstScreen(context: self) ?? DeskPlaceholderScreen(desk: desk)
    }

    /// Records that the signed-in user opened `patientID`'s record on `screen`. Returns a notice
    /// for the screen when the record could not be written (the record is still shown: a front
    /// desk must not stop because its audit disk is full, but the user is told).
    package func recordAccess(patientID: String, screen: String) -> String? {
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
