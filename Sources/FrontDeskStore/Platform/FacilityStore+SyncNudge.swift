// "Push now" from the F8 desk: a file beside the store that the running agent takes as a sign to try at once.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension SyncFiles {
    /// `<store>.sync-push-now`: present while a terminal asks the agent to push without waiting out its back-off.
    /// A file, not a row: asking must not be a commit of its own (the ledger and audit stay about the facility).
    public static func nudgePath(forStore path: String) -> String { path + ".sync-push-now" }

    /// True once for each request: the agent removes the file when it sees it.
    public static func takePushRequest(storePath: String) -> Bool {
        unlink(nudgePath(forStore: storePath)) == 0
    }

    static func requestPush(storePath: String) throws {
        let path = nudgePath(forStore: storePath)
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, StoreFile.fileMode)
        guard fd >= 0 else { throw StoreError.storageFailure("\(path): \(String(cString: strerror(errno)))") }
        close(fd)
    }
}

extension FacilityStore {
    /// Asks the sync agent running on this store to push now (it polls for the request every 100 ms).
    public func requestPushNow() throws {
        try SyncFiles.requestPush(storePath: path)
    }
}
