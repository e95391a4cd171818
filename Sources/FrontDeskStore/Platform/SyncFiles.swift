// The sync agent's files beside the store: the facility's token (0600) and the one-agent lock.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files the sync agent keeps beside `<store>`: `<store>.sync-token` holds the facility's bearer
/// token, owner-only, and nowhere else (not the settings table: settings writes are ledgered and
/// audited, and the ledger is pushed to the central server). A backup copies the database only, so a
/// restore keeps the token file that is beside the store. `<store>.sync-lock` is the advisory lock
/// that keeps a second agent off the same store.
public enum SyncFiles {
    public static func tokenPath(forStore path: String) -> String { path + ".sync-token" }
    public static func lockPath(forStore path: String) -> String { path + ".sync-lock" }

    /// The certificates the agent trusts for the central server instead of the system's (`sync setup
    /// --ca-file`): a hospital's own certificate authority, in PEM.
    public static func trustPath(forStore path: String) -> String { path + ".sync-ca.pem" }

    /// Writes the token (one line) owner-only: a 0600 temporary beside it, fsync, then rename over
    /// the old one, so a reader sees the old token or the new one, never half of one.
    static func writeToken(_ token: String, storePath: String) throws {
        try writeWhole(token + "\n", to: tokenPath(forStore: storePath))
    }

    /// Writes the trusted certificates (PEM) the same way, or removes them (nil: the system's again).
    static func writeTrust(_ pem: String?, storePath: String) throws {
        let target = trustPath(forStore: storePath)
        guard let pem else {
            guard unlink(target) == 0 || errno == ENOENT else {
                throw StoreError.storageFailure("\(target): \(String(cString: strerror(errno)))")
            }
            return
        }
        try writeWhole(pem, to: target)
    }

    /// The trusted certificates, or nil when the system's are used.
    static func readTrust(storePath: String) throws -> String? {
        let path = trustPath(forStore: storePath)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.storageFailure("\(path) cannot be read")
        }
        return text
    }

    /// `text` in `target`, owner-only, whole or not at all.
    private static func writeWhole(_ text: String, to target: String) throws {
        let temporary = target + ".partial-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, StoreFile.fileMode)
        guard fd >= 0 else { throw StoreError.storageFailure("\(temporary): \(String(cString: strerror(errno)))") }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temporary)
        }
        fchmod(fd, StoreFile.fileMode)  // the umask may have taken bits away, never added them
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw StoreError.storageFailure("\(target): \(String(cString: strerror(errno)))") }
            written += count
        }
        guard fsync(fd) == 0 else { throw StoreError.storageFailure("\(target): \(String(cString: strerror(errno)))") }
        close(fd)
        closed = true
        guard rename(temporary, target) == 0 else {
            throw StoreError.storageFailure("\(target): \(String(cString: strerror(errno)))")
        }
    }

    /// The token, or nil when none was set up. Refused when other accounts may read the file: a
    /// token anyone on the server could copy is a token to replace.
    static func readToken(storePath: String) throws -> String? {
        let path = tokenPath(forStore: storePath)
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.storageFailure("\(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw StoreError.storageFailure("\(path) is not a regular file; run `frontdesk sync setup` again")
        }
        guard info.st_mode & (S_IRWXG | S_IRWXO) == 0 else {
            throw StoreError.storageFailure("\(path) may be read by other accounts; run `chmod 600 \(path)`, or set up a new token")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.storageFailure("\(path) cannot be read")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }
}

extension SyncFiles {
    /// The sync agent's heartbeat: the lock file's modification time, set to `date` every few seconds.
    /// A file's time and not a row, because a commit makes every terminal reload what it shows, and a
    /// heartbeat every five seconds did that all day long for nothing. Made when missing (an agent run
    /// by a test, or a lock file removed by hand: the lock is the `flock`, not the file).
    static func touchHeartbeat(storePath: String, at date: Date) throws {
        let path = lockPath(forStore: storePath)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded())
        let time = timespec(tv_sec: millis / 1000, tv_nsec: (millis % 1000) * 1_000_000)
        var times = [time, time]
        if utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0 { return }
        if errno == ENOENT {
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, StoreFile.fileMode)
            if fd >= 0 { close(fd) }
            if utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0 { return }
        }
        throw StoreError.storageFailure("\(path): \(String(cString: strerror(errno)))")
    }

    /// When the agent last gave a heartbeat (nil: never on this store).
    static func heartbeat(storePath: String) -> Date? {
        var info = stat()
        guard lstat(lockPath(forStore: storePath), &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}

/// The advisory lock one sync agent holds on a store for as long as it runs. `flock` locks belong to
/// the open file, so the kernel releases it when the process ends in any way, SIGKILL included: a
/// killed agent never leaves a stale lock behind.
public final class SyncAgentLock: @unchecked Sendable {  // holds a descriptor; released once
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock on `storePath`'s lock file, or returns nil when another process holds it.
    public static func acquire(storePath: String) throws -> SyncAgentLock? {
        let path = SyncFiles.lockPath(forStore: storePath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, StoreFile.fileMode)
        guard fd >= 0 else { throw StoreError.storageFailure("\(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            close(fd)
            if failure == EWOULDBLOCK { return nil }
            throw StoreError.storageFailure("\(path): \(String(cString: strerror(failure)))")
        }
        // The holder's pid, for a person reading the file; the lock itself is what counts.
        if ftruncate(fd, 0) == 0 {
            let text = Array("\(getpid())\n".utf8)
            _ = text.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return SyncAgentLock(fd: fd)
    }

    /// Releases the lock (the process ending does the same).
    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
