// The `frontdesk` command: the entry point; its subcommands are listed in `CommandList`.
import ArgumentParser

@main
struct FrontDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontdesk",
        abstract: "FrontDesk: the front desk of a hospital or clinic, in a terminal.",
        discussion: """
            With no subcommand, opens the application on the facility store.
            The store is --db PATH, else $FRONTDESK_DB, else $XDG_DATA_HOME/frontdesk/facility.sqlite.
            """,
        subcommands: CommandList.all,
        defaultSubcommand: Open.self
    )
}
