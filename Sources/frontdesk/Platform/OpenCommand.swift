// `frontdesk` with no subcommand: open the application on the store.
import ArgumentParser
import Foundation
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

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            try Self.runShell(on: opened, idleLockSeconds: idleLockSeconds)
        }
    }

    /// Takes over the terminal until the user quits; the terminal is restored on every exit.
    static func runShell(on store: FacilityStore, idleLockSeconds: Double?) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw InputError(message: "the application needs a terminal; for scripts use the subcommands (frontdesk --help)")
        }
        let terminalName = ttyname(STDIN_FILENO).map { String(cString: $0) } ?? "tty"
        let context = try ShellContext(store: store, terminalName: terminalName)
        let shell = Shell(context: context, idleLockSeconds: idleLockSeconds)
        let watcher = try? store.changeWatcher()
        SignalGuard.install()
        shell.run(on: NcursesTerminal(), watcher: watcher)
        if let signal = SignalGuard.received { throw ExitCode(128 + signal) }
    }
}
