// `frontdesk import`: the group of every desk's imports (listed per desk in `CommandList`).
import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from a legacy system.", subcommands: CommandList.imports)
}
