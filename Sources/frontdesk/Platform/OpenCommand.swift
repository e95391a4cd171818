// `frontdesk` with no subcommand: open the application on the store.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore
import FrontDeskApp
import TerminalKit

#if canImport(Glibc)
import Glibc
#endif

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the application on the facility store (the default).")

    @OptionGroup var store: StoreOptions
    @Option(help: .hidden) var idleLockSeconds: Double?
    @Option(help: "This terminal's name, for its own settings (a wallboard); its tty by default.") var terminal: String?

    func run() throws {
        try reportingErrors {
            if let terminal {
                guard !terminal.isEmpty, terminal.count <= 100 else {
                    throw InputError(message: "--terminal takes a name of 1 to 100 characters")
                }
                try TextRules.check(terminal, field: "--terminal")
            }
            let opened = try store.open()
            try Self.runShell(on: opened, idleLockSeconds: idleLockSeconds, terminal: terminal)
        }
    }

    /// Takes over the terminal until the user quits; the terminal is restored on every exit.
    static func runShell(on store: FacilityStore, idleLockSeconds: Double?, terminal: String? = nil) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw InputError(message: "the application needs a terminal; for scripts use the subcommands (frontdesk --help)")
        }
        let terminalName = terminal ?? ttyname(STDIN_FILENO).map { String(cString: $0) } ?? "tty"
        let context = try ShellContext(store: store, terminalName: terminalName)
        let shell = Shell(context: context, idleLockSeconds: idleLockSeconds)
        let watcher = try? store.changeWatcher()
        SignalGuard.install()
        shell.run(on: NcursesTerminal(), watcher: watcher)
        if let signal = SignalGuard.received { throw ExitCode(128 + signal) }
    }
}
