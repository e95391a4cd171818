// `frontdesk sync once`: push what is waiting, then exit; the exit status says whether all of it is acknowledged.
import ArgumentParser
import Foundation
import FrontDeskStore
import FrontDeskSync

struct SyncOnceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Push what is waiting and exit: 0 only when everything up to the local head is acknowledged.",
        discussion: """
            Network errors, 5xx and 429 are retried with backoff until --timeout; a divergence, a refused token \
            or another refusal stops at once. Otherwise one line on standard error says why, and the exit is non-zero.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var logging: SyncLogOptions
    @Option(help: ArgumentHelp("Seconds to keep retrying an unreachable server before giving up.", valueName: "seconds"))
    var timeout: Int = 30

    func run() throws {
        let logger = try reportingErrors { try logging.logger() }
        try reportingErrors {
            guard (1...86_400).contains(timeout) else { throw InputError(message: "--timeout must be 1 to 86400 seconds") }
            let opened = try store.open()
            guard let lock = try SyncAgentLock.acquire(storePath: opened.path) else {
                throw InputError(message: "a sync agent is running on this store already (\(SyncFiles.lockPath(forStore: opened.path))); it pushes on its own")
            }
            defer { lock.release() }
            let driver = SyncDriver(store: opened, transport: SyncHTTPClient(), logger: logger)
            switch try driver.runOnce(timeout: .seconds(timeout)) {
            case .upToDate(let acked):
                print("up_to_date acked_seq \(acked)")
            case .alarm(let kind, let detail):
                _ = kind
                throw InputError(message: "sync alarm, nothing more is pushed: \(detail) (an administrator clears it with `frontdesk sync setup`)")
            case .offline(let lastError):
                throw InputError(message: "offline: nothing acknowledged past seq \(driver.machine.acked) after \(timeout) s; last error: \(lastError)")
            case .notConfigured:
                throw InputError(message: SyncStoreError.notConfigured.description)
            }
        }
    }
}
