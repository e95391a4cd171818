// `frontdesk services`: the service lines patients queue for.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct ServicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services", abstract: "The service lines patients queue for.", subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every active service.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try store.reading { opened in
                let services = try opened.queue.services()
                if services.isEmpty { print("No services. Add one with `frontdesk services add CODE NAME`."); return }
                for s in services {
                    print("\(s.code.padding(toLength: 7, withPad: " ", startingAt: 0)) \(s.name)" + (s.feeCode.map { "  (fee \($0))" } ?? ""))
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a service; its code (2-6 letters) starts every token, e.g. CARD-014.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Fee schedule code charged at check-in (the consultation fee).") var fee: String?
        @Option(help: "Department code it belongs to.") var department: String?
        @Argument(help: "Token prefix, 2-6 letters.") var code: String
        @Argument(help: "Name shown on boards.") var name: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let s = try opened.queue.addService(code: code, name: name, feeCode: fee, departmentCode: department, by: try session.actor())
                print("Service \(s.code) \(s.name) added.")
            }
        }
    }
}
