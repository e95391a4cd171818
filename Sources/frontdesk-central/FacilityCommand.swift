// `frontdesk-central facility add|list|revoke`.
import ArgumentParser
import Foundation
import FrontDeskCentral

struct FacilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facility", abstract: "Register facilities, list them, revoke their tokens.",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a facility; prints its token once, alone on the last line.")
        @OptionGroup var options: CentralOptions
        @Option(help: "The facility_id `frontdesk init` printed.") var id: String
        @Option(help: "The facility's name.") var name: String

        func run() async throws {
            let token = try await options.withClient("frontdesk-central") { handle, logger in
                try await CentralAdmin.addFacility(id: id, name: name, client: handle.client, logger: logger)
            }
            print("Registered \(name) (\(id.lowercased())).")
            print("Its token follows, shown this once: give it to `frontdesk sync setup --token-stdin` at the facility.")
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every facility, each store's head, last push and lag.")
        @OptionGroup var options: CentralOptions

        func run() async throws {
            let facilities = try await options.withClient("frontdesk-central") { handle, logger in
                try await CentralAdmin.list(client: handle.client, logger: logger)
            }
            if facilities.isEmpty { print("No facility is registered."); return }
            let now = Date()
            for facility in facilities {
                let status = facility.revokedAt.map { "revoked \(Self.format($0))" } ?? "active"
                print("\(facility.facilityID)  \(facility.name)  (\(status))")
                if facility.stores.isEmpty { print("    no push yet") }
                for store in facility.stores {
                    let pushed = store.lastPushAt.map { "last push \(Self.format($0)), lag \(Self.age(now.timeIntervalSince($0)))" }
                        ?? "no entry yet"
                    print("    store \(store.storeID)  head \(store.head.seq):\(store.head.hash.prefix(12))  \(pushed)")
                }
            }
        }

        static func format(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }

        static func age(_ seconds: TimeInterval) -> String {
            let s = Int(max(0, seconds))
            if s < 120 { return "\(s) s" }
            if s < 7200 { return "\(s / 60) min" }
            if s < 172_800 { return "\(s / 3600) h" }
            return "\(s / 86400) days"
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a facility's token: its pushes are refused (401).")
        @OptionGroup var options: CentralOptions
        @Option(help: "The facility's id.") var id: String

        func run() async throws {
            try await options.withClient("frontdesk-central") { handle, logger in
                try await CentralAdmin.revoke(id: id, client: handle.client, logger: logger)
            }
            print("Revoked the token of facility \(id.lowercased()); what it pushed is kept.")
        }
    }
}
