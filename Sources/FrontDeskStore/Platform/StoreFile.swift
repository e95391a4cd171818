// What a path holds before SQLite touches it: a FrontDesk store, something else, or nothing;
// and how store files and folders are created (owner-only).
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file-level facts about a store path, read without writing a byte.
enum StoreFile {
    /// `PRAGMA application_id` of every FrontDesk store ("FDsk"), in the SQLite header at offset 68.
    static let applicationID: Int32 = 0x4644_736B

    /// Store files are the owner's alone: patient records and password hashes live in them.
    static let fileMode: mode_t = 0o600
    /// The folder FrontDesk creates for its stores.
    static let folderMode: mode_t = 0o700

    /// What the path holds, judged from `lstat` and the first 100 bytes.
    enum Kind: Equatable {
        case missing
        /// A FrontDesk store: the header carries our application_id.
        case frontDesk
        /// An SQLite file whose header carries no application_id: a store made before stores were
        /// marked, or another program's database. Only its tables can tell.
        case unmarkedSQLite
        case notAStore(reason: String)
    }

    static func inspect(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? .missing : .notAStore(reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .notAStore(reason: "it is a folder; give a file path such as \(path)/facility.sqlite")
        case S_IFLNK:
            // A symlink to a store is a legitimate set-up (a store on another disk): judge its target.
            var target = stat()
            guard stat(path, &target) == 0 else { return .notAStore(reason: "it is a broken symbolic link") }
            guard target.st_mode & S_IFMT == S_IFREG else { return .notAStore(reason: "it links to something that is not a file") }
        default: return .notAStore(reason: "it is not a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .notAStore(reason: "it cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let count = read(fd, &header, 100)
        if count == 0 { return .notAStore(reason: "it is an empty file") }
        guard count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            return .notAStore(reason: "it is not an SQLite database")
        }
        let id = Int32(bitPattern: UInt32(header[68]) << 24 | UInt32(header[69]) << 16 | UInt32(header[70]) << 8 | UInt32(header[71]))
        if id == applicationID { return .frontDesk }
        if id == 0 { return .unmarkedSQLite }
        return .notAStore(reason: String(format: "it belongs to another application (application_id 0x%08x)", UInt32(bitPattern: id)))
    }

    /// Creates an empty file for SQLite to fill, owner-only, refusing anything already there.
    /// SQLite gives its -wal and -shm files the database file's mode, so they are owner-only too.
    static func createEmpty(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else {
            if errno == EEXIST { throw StoreError.alreadyExists(path: path) }
            throw StoreError.storageFailure("\(path): \(String(cString: strerror(errno)))")
        }
        // The umask may have taken bits away, never added them; set the mode exactly.
        fchmod(fd, fileMode)
        close(fd)
    }

    /// Creates `folder` (and missing parents) owner-only.
    static func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(folderMode)])
        } catch {
            throw StoreError.storageFailure("the folder \(folder) could not be created: \(error.localizedDescription)")
        }
    }

    /// Whether accounts other than the owner may read the file: a warning for `verify`.
    static func readableByOthers(_ path: String) -> (group: Bool, world: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (false, false) }
        return (info.st_mode & S_IRGRP != 0, info.st_mode & S_IROTH != 0)
    }
}

extension FacilityStore {
    /// Warnings about who can read the store's files, for `verify`: patient records and password
    /// hashes must not be readable by other accounts on the server.
    public func filePermissionWarnings() -> [String] {
        var warnings: [String] = []
        for file in [path, path + "-wal", path + "-shm"] {
            let (group, world) = StoreFile.readableByOthers(file)
            if world {
                warnings.append("\(file) is readable by every account on this server; run `chmod 600 \(file)`")
            } else if group {
                warnings.append("\(file) is readable by its group; run `chmod 600 \(file)` unless that group is only FrontDesk's terminals")
            }
        }
        return warnings
    }
}
