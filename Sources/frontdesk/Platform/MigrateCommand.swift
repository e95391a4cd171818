// `frontdesk migrate`: bring an older store's schema up to date, on purpose and said aloud.
import ArgumentParser
import FrontDeskStore

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the store's schema up to date with this FrontDesk (commands that only read never do).",
        discussion: "Take a backup first (`frontdesk backup DEST`). Commands that write do this by themselves and say so.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let opened = try FacilityStore.open(at: store.path, mode: .readWrite)
            defer { try? opened.close() }
            if opened.upgradedMigrations.isEmpty {
                print("The store's schema is up to date; nothing was changed.")
            } else {
                print("Applied \(opened.upgradedMigrations.count) schema step(s): \(opened.upgradedMigrations.joined(separator: ", ")).")
            }
        }
    }
}
