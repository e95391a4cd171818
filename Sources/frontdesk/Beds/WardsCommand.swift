// `frontdesk wards`: the wards of the facility, each in a ward department.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct WardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wards", abstract: "The wards beds belong to.", subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every ward with its beds in service and how many are occupied.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try store.reading { opened in
                let board = try opened.beds.board()
                if board.wards.isEmpty { print("No wards. Add one with `frontdesk wards add CODE --name NAME`."); return }
                for ward in board.wards {
                    print("\(ward.wardCode.padding(toLength: 6, withPad: " ", startingAt: 0)) \(ward.wardName.padding(toLength: 28, withPad: " ", startingAt: 0)) "
                        + "\(ward.total) beds, \(ward.counts[.occupied, default: 0]) occupied (\(ward.occupancyPercent) %)")
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a ward (1-8 letters or digits, e.g. A or MAT) to a ward department.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "The ward's name, as the board shows it.") var name: String
        @Option(help: "The ward department's code (made if there is none yet).") var department: String = BedsStore.defaultWardDepartment
        @Argument(help: "Ward code.") var code: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let ward = try session.store.beds.addWard(code: code, name: name, departmentCode: department, by: try session.actor())
                print("Ward \(ward.code) \(ward.name) added.")
            }
        }
    }
}
