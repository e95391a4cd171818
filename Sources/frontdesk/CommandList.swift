// The command line's list of commands: the facility's own, then one entry per desk.
import ArgumentParser

/// One desk's commands: its top-level commands and what it imports (`frontdesk import …`).
struct DeskCommands {
    let desk: String
    var commands: [ParsableCommand.Type] = []
    var imports: [ParsableCommand.Type] = []
}

/// Every subcommand of `frontdesk`, in the order `--help` lists them. Adding a desk is one line in `desks`.
enum CommandList {
    /// Each desk's commands, in the order of the desks on the home screen.
    static var desks: [DeskCommands] {
        [
            DeskCommands(desk: "registration", imports: [ImportPatientsCommand.self]),
            DeskCommands(desk: "queue", commands: [
                ServicesCommand.self, DoctorsCommand.self, ScheduleCommand.self, LeaveCommand.self,
                HolidaysCommand.self, AppointmentsCommand.self, QueueCommand.self,
            ]),
            DeskCommands(desk: "cashier", commands: [FeesCommand.self, CashierCommand.self], imports: [ImportFeesCommand.self]),
            DeskCommands(desk: "beds", commands: [WardsCommand.self, BedsCommand.self]),
            DeskCommands(desk: "pharmacy", commands: [ItemsCommand.self, PharmacyCommand.self], imports: [ImportItemsCommand.self]),
            DeskCommands(desk: "sync", commands: [SyncCommand.self]),
        ]
    }

    /// The facility's own commands, before the desks'.
    static var facility: [ParsableCommand.Type] {
        [Open.self, Init.self, UserCommand.self, AuditCommand.self, SettingsCommand.self]
    }

    /// Whole-store commands, after the desks'.
    static var store: [ParsableCommand.Type] {
        [ImportCommand.self, Verify.self, Reindex.self, Migrate.self, Backup.self, Restore.self, LedgerCommand.self,
         Demo.self, Keybindings.self]
    }

    static var all: [ParsableCommand.Type] { facility + desks.flatMap(\.commands) + store }

    /// `frontdesk import`'s subcommands: every desk's imports.
    static var imports: [ParsableCommand.Type] { desks.flatMap(\.imports) }
}
