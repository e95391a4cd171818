// `frontdesk demo`: make (or reuse) a demo facility, print its logins, open it.
import ArgumentParser
import Foundation
import FrontDeskDemo
import FrontDeskStore

#if canImport(Glibc)
import Glibc
#endif

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create (or reuse) a demo facility with staff and patients, then open it.",
        discussion: "Without --db the demo lives in its own file, demo.sqlite, beside the default store.")

    @Option(name: .long, help: ArgumentHelp("The demo store (SQLite file).", valueName: "path")) var db: String?

    func run() throws {
        try reportingErrors {
            let path = db ?? StoreLocation.dataDirectory() + "/demo.sqlite"
            let showProgress = isatty(STDERR_FILENO) == 1
            let store = try DemoFacility.prepare(at: path, creatingFolder: db == nil) { done, total in
                guard showProgress else { return }
                FileHandle.standardError.write(Data("\rRegistering demo patients: \(done)/\(total)".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            print("Demo facility: \(DemoFacility.facilityName) at \(path)")
            print("\(try store.patientCount()) patients. Sign in as:")
            for login in DemoFacility.logins {
                print("  \(login.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(login.password.padding(toLength: 20, withPad: " ", startingAt: 0)) \(login.role.title)")
            }
            if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
                print("Opening the application… (press Enter)")
                _ = readLine()
                try Open.runShell(on: store, idleLockSeconds: nil)
            }
        }
    }
}
