// `frontdesk reindex`: rebuild the patient lookup index when `verify` says it is out of step.
import ArgumentParser
import FrontDeskStore

/// `frontdesk reindex`: rebuild the patient lookup index when `verify` says it is out of step.
struct Reindex: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the patient lookup index from the patient records (when verify reports it out of step).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser

    func run() throws {
        try store.signedIn(as: acting) { session in
            let opened = session.store
            let cards = try opened.rebuildLookupIndex(by: try session.actor())
            print("Lookup index rebuilt: \(cards) patient records indexed.")
        }
    }
}
