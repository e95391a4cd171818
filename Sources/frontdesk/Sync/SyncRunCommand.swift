// `frontdesk sync run`: the long-running agent, one per store (systemd's `frontdesk-sync.service`).
import ArgumentParser
import Foundation
import FrontDeskStore
import FrontDeskSync
import TerminalKit

struct SyncRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the sync agent: push every commit within a second while online, back off while offline.",
        discussion: """
            One agent per store: a second one refuses to start (an advisory lock on STORE.sync-lock, which the \
            kernel releases however the agent ends). SIGTERM or SIGINT stops it between steps. Logs go to \
            standard error, one line per push, refusal and alarm.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var logging: SyncLogOptions

    func run() throws {
        let logger = try reportingErrors { try logging.logger() }
        try reportingErrors {
            let opened = try store.open()
            guard let lock = try SyncAgentLock.acquire(storePath: opened.path) else {
                throw InputError(message: "a sync agent is running on this store already (\(SyncFiles.lockPath(forStore: opened.path)))")
            }
            defer { lock.release() }
            guard try opened.syncConfiguration() != nil else { throw InputError(message: SyncStoreError.notConfigured.description) }
            SignalGuard.install()
            logger.info("sync agent started", metadata: [
                "facility": "\(opened.identity.facilityID)", "store": "\(opened.identity.storeID)", "pid": "\(getpid())",
            ])
            let driver = SyncDriver(store: opened, transport: SyncHTTPClient(), logger: logger)
            try driver.run { SignalGuard.received != nil }
        }
    }
}
