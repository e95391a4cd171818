// Backups that are checked: SQLite's online backup while terminals work, verified before it
// takes its name, owner-only, never over an existing file; and a restore that keeps what it replaces.
import Foundation
import FrontDeskCore
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// What a backup or a restore produced.
public struct BackupReport: Sendable {
    public let path: String
    public let bytes: Int64
    public let ledgerHead: (seq: Int64, hash: String)
    public let patients: Int
    /// Problems `verify` found in the copy (none for a good backup).
    public let problems: [String]
    /// Where a restore moved the store it replaced.
    public var replacedStoreKeptAt: String?
}

extension FacilityStore {
    /// Copies the store to `destination` while other terminals keep working: one consistent
    /// snapshot (a WAL reader holds no lock that stops writers), written to a temporary file beside
    /// the destination, made a single self-contained file (rollback journal, not WAL), synced,
    /// verified read-only, and only then linked into place. Refuses an existing destination.
    public func backup(to destination: String) throws -> BackupReport {
        var report: BackupReport?
        do {
            try OutputFile(destination, protecting: [path]).produce { temporary in
                do {
                    let copy = try DatabaseQueue(path: temporary)
                    try pool.backup(to: copy)
                    try copy.writeWithoutTransaction { db in
                        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                    }
                    try copy.close()
                } catch {
                    throw StoreError.translating(error)
                }
                report = try Self.check(temporary, reportedAs: destination)
            }
        } catch OutputFileError.exists(let path) {
            throw StoreError.backupExists(path: path)
        }
        return report!
    }

    /// Puts the backup at `backup` in place as the store at `target`. The backup is verified first
    /// and refused if anything is wrong. An existing target is kept, renamed (with its -wal and
    /// -shm) to `target.replaced-<time>`, and only with `replacing`: nothing is ever deleted.
    public static func restore(backup: String, to target: String, replacing: Bool,
                               now: Date = Date()) throws -> BackupReport {
        let checked = try check(backup, reportedAs: backup)
        guard checked.problems.isEmpty else { throw StoreError.backupDamaged(path: backup, problems: checked.problems) }
        var keptAt: String?
        switch StoreFile.inspect(target) {
        case .missing: break
        case .notAStore(let reason): throw StoreError.pathTaken(path: target, reason: reason)
        case .frontDesk, .unmarkedSQLite:
            guard replacing else { throw StoreError.alreadyExists(path: target) }
            let users = StoreUsers.processes(using: target)
            guard users.isEmpty else { throw StoreError.storeInUse(path: target, processes: users) }
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let aside = "\(target).replaced-\(stamp)"
            try refuseExisting(aside)
            // The -wal may hold committed changes: it moves with its database, under the new name.
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: target + suffix) {
                guard rename(target + suffix, aside + suffix) == 0 else {
                    throw StoreError.storageFailure("\(target)\(suffix) could not be moved aside: \(String(cString: strerror(errno)))")
                }
            }
            keptAt = aside
        }
        try OutputFile(target).produce { temporary in
            do {
                var config = Configuration()
                config.readonly = true
                let source = try DatabaseQueue(path: DatabaseSetup.readOnlyLocation(backup), configuration: config)
                let copy = try DatabaseQueue(path: temporary)
                try source.backup(to: copy)
                try source.close()
                try copy.close()
            } catch {
                throw StoreError.translating(error)
            }
        }
        var report = try check(target, reportedAs: target)
        report.replacedStoreKeptAt = keptAt
        return report
    }

    /// Opens `path` read-only and verifies it: what a backup must pass before it is trusted.
    private static func check(_ path: String, reportedAs name: String) throws -> BackupReport {
        let store = try FacilityStore.open(at: path, mode: .readOnly)
        defer { try? store.close() }
        let verified = try store.verify()
        let head = try store.ledgerHead()
        var info = stat()
        stat(path, &info)
        return BackupReport(path: name, bytes: Int64(info.st_size), ledgerHead: head, patients: try store.patientCount(),
                            problems: verified.problems)
    }

    private static func refuseExisting(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 { throw StoreError.alreadyExists(path: path) }
    }
}

/// Which processes have a store open, read from /proc: a restore must not pull a store from
/// under a terminal that is writing to it.
enum StoreUsers {
    static func processes(using path: String) -> [Int32] {
        guard let resolved = realpath(path, nil) else { return [] }
        let target = String(cString: resolved)
        free(resolved)
        let names = Set(["", "-wal", "-shm"].map { target + $0 })
        let me = getpid()
        var found: [Int32] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != me else { continue }
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(entry)/fd")) ?? []
            if fds.contains(where: { fd in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/fd/\(fd)")).map(names.contains) ?? false
            }) {
                found.append(pid)
            }
        }
        return found.sorted()
    }
}
