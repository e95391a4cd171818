// The one list of desks: adding a desk is one line here (and its own module).
import FrontDeskCore
import FrontDeskStore
@_exported import FrontDeskShell
import BedsDesk
import CashierDesk
import PharmacyDesk
import QueueDesk
import RegistrationDesk
import SyncDesk

/// The desks this program is built with, and the ones that are not built yet.
public enum DeskList {
    /// Every built desk, in the order of the home screen (and of their actions on a patient).
    public static var all: [any DeskModule] {
        [
            RegistrationDeskModule(),
            QueueDeskModule(),
            BedsDeskModule(),
            PharmacyDeskModule(),
            CashierDeskModule(),
            SyncDeskModule(),
        ]
    }

    /// Desks on the home screen whose screens are not built yet (they open a placeholder).
    public static let unbuilt: [Desk] = [.reports]

    /// Every screen's keymap, the shell's and each desk's: for F1 help, docs/keybindings.md and tests.
    public static var keymaps: [Keymap] {
        let desks = all
        return Keymaps.shell(desks) + desks.flatMap(\.keymaps)
    }
}

extension ShellContext {
    /// A terminal's context with every built desk (what `frontdesk open` runs).
    public convenience init(store: FacilityStore, clock: any Clock = SystemClock(), terminalName: String) throws {
        try self.init(store: store, clock: clock, terminalName: terminalName, desks: DeskList.all)
    }
}
