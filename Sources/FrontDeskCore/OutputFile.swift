// Writes an export (calendar, receipt, report, backup) to a file without ever destroying another file.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command or screen writes. The rules, all checked before a byte is written:
/// never the store or its `-wal`/`-shm`/`-journal` (by path and by device and inode, so another
/// spelling or a hard link is caught), never through a symbolic link, never onto a device, FIFO,
/// socket or directory, and never over an existing file unless `force`. The content goes to a
/// temporary file beside the target (created exclusively, 0600), is synced, then linked into
/// place (or renamed over the old file when forcing), so a reader never sees half a file.
public struct OutputFile: Sendable {
    public let path: String
    public var force: Bool
    /// Store files this write must never touch; each one's `-wal`, `-shm` and `-journal` too.
    public var protectedStores: [String]

    public init(_ path: String, force: Bool = false, protecting stores: [String] = []) {
        self.path = path
        self.force = force
        self.protectedStores = stores
    }

    /// Writes `data` to `path` by the rules above; the file ends up mode 0600.
    public func write(_ data: Data) throws {
        try check()
        let temporary = try Self.writeTemporary(data, in: Self.folder(of: path), for: path)
        defer { unlink(temporary) }
        try place(temporary)
    }

    /// For content another library writes to a path (a SQLite backup): `body` gets an empty 0600
    /// temporary file beside the target to fill; it is then synced and put in place by the rules above.
    public func produce(_ body: (_ temporaryPath: String) throws -> Void) throws {
        try check()
        let temporary = try Self.writeTemporary(Data(), in: Self.folder(of: path), for: path)
        defer { unlink(temporary) }
        try body(temporary)
        let fd = open(temporary, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno) }
        let synced = fchmod(fd, 0o600) == 0 && fsync(fd) == 0
        let code = errno
        close(fd)
        guard synced else { throw failure(code) }
        try place(temporary)
    }

    /// Puts the synced temporary file at `path`: link() when not forcing (it never replaces a file
    /// that appeared since the check), rename() over the old file when forcing; then syncs the folder.
    func place(_ temporary: String) throws {
        if force {
            try check()  // re-checked: a link or device put there meanwhile must not be replaced
            guard rename(temporary, path) == 0 else { throw failure(errno) }
        } else if link(temporary, path) != 0 {
            let code = errno
            if code == EEXIST { throw OutputFileError.exists(path: path) }
            guard [EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EXDEV].contains(code) else { throw failure(code) }
            // A filesystem without hard links (FAT, some network mounts): check again and rename.
            try check()
            guard rename(temporary, path) == 0 else { throw failure(errno) }
        }
        let directory = open(Self.folder(of: path), O_RDONLY | O_CLOEXEC)
        if directory >= 0 { _ = fsync(directory); close(directory) }
    }

    public func write(_ text: String) throws { try write(Data(text.utf8)) }

    /// Writes `text` in `folder` as `base.ext`, or `base-2.ext`, `base-3.ext`… when that name is
    /// taken: a screen never replaces an earlier export. Returns the path written.
    @discardableResult
    public static func writeFresh(_ text: String, folder: String, base: String, ext: String,
                                  protecting stores: [String] = []) throws -> String {
        for n in 1...999 {
            let name = n == 1 ? "\(base).\(ext)" : "\(base)-\(n).\(ext)"
            let file = OutputFile((folder as NSString).appendingPathComponent(name), protecting: stores)
            do {
                try file.write(text)
                return file.path
            } catch OutputFileError.exists {
                continue
            } catch OutputFileError.symbolicLink, OutputFileError.notAFile {
                continue  // something else has that name: leave it and take the next
            }
        }
        throw OutputFileError.noFreeName(folder: folder, base: base)
    }

    /// Refuses the target by the rules, without writing anything.
    public func check() throws {
        let folder = Self.folder(of: path)
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0, Self.kind(folderInfo.st_mode) == .directory else {
            throw OutputFileError.noFolder(path: path, folder: folder)
        }
        if let store = isProtected() { throw OutputFileError.store(path: path, store: store) }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw failure(errno)
        }
        switch Self.kind(info.st_mode) {
        case .regular: break
        case .symbolicLink: throw OutputFileError.symbolicLink(path: path)
        case let other: throw OutputFileError.notAFile(path: path, kind: other.rawValue)
        }
        guard force else { throw OutputFileError.exists(path: path) }
    }

    /// The protected file `path` names, by spelling or by device and inode; nil when none.
    func isProtected() -> String? {
        let target = Self.canonical(path)
        var targetInfo = stat()
        let targetExists = lstat(path, &targetInfo) == 0  // a link to the store is refused as a link
        for store in protectedStores {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let file = store + suffix
                if Self.canonical(file) == target { return file }
                var info = stat()
                if targetExists, stat(file, &info) == 0, info.st_dev == targetInfo.st_dev, info.st_ino == targetInfo.st_ino {
                    return file
                }
            }
        }
        return nil
    }

    /// The folder's real path plus the last component as written: `./a/../store.sqlite` and
    /// `/data/store.sqlite` compare equal without following a link in the last component.
    static func canonical(_ path: String) -> String {
        let folder = folder(of: path)
        let name = (path as NSString).lastPathComponent
        guard let real = realpath(folder, nil) else { return (folder as NSString).standardizingPath + "/" + name }
        defer { free(real) }
        return String(cString: real) + "/" + name
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Creates `.name.XXXXXX.tmp` beside the target (exclusive, 0600), writes and syncs it.
    static func writeTemporary(_ data: Data, in folder: String, for path: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        for _ in 0..<100 {
            let temporary = (folder as NSString).appendingPathComponent(".\(name).\(UInt32.random(in: 0...UInt32.max)).tmp")
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw OutputFileError.writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
            var ok = fchmod(fd, 0o600) == 0  // the umask may have taken bits away; never add any
            var code: Int32 = 0
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while ok, offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 { if errno == EINTR { continue }; ok = false; code = errno } else { offset += n }
                }
            }
            if ok, fsync(fd) != 0 { ok = false; code = errno }
            if close(fd) != 0, ok { ok = false; code = errno }
            guard ok else {
                unlink(temporary)
                throw OutputFileError.writeFailed(path: path, reason: String(cString: strerror(code == 0 ? EIO : code)))
            }
            return temporary
        }
        throw OutputFileError.writeFailed(path: path, reason: "no temporary name was free")
    }

    enum Kind: String { case regular = "file", directory = "folder", symbolicLink = "symbolic link",
                        characterDevice = "device", blockDevice = "block device", fifo = "named pipe (FIFO)", socket = "socket",
                        other = "special file" }

    static func kind(_ mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        default: return .other
        }
    }

    func failure(_ code: Int32) -> OutputFileError {
        .writeFailed(path: path, reason: String(cString: strerror(code)))
    }
}

/// Why an output file was refused or failed; every case means nothing was written at `path`.
public enum OutputFileError: Error, Equatable, CustomStringConvertible {
    case exists(path: String)
    case store(path: String, store: String)
    case symbolicLink(path: String)
    case notAFile(path: String, kind: String)
    case noFolder(path: String, folder: String)
    case noFreeName(folder: String, base: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .exists(let path):
            return "\(Quote.excerpt(path)) already exists; nothing was written. Choose another name, or add --force to replace it."
        case .store(let path, let store):
            return "\(Quote.excerpt(path)) is the facility's store (\(Quote.excerpt(store))); nothing was written. Choose another file name."
        case .symbolicLink(let path):
            return "\(Quote.excerpt(path)) is a symbolic link; nothing was written. Name a plain file, not a link."
        case .notAFile(let path, let kind):
            return "\(Quote.excerpt(path)) is a \(kind), not a plain file; nothing was written."
        case .noFolder(let path, let folder):
            return "The folder \(Quote.excerpt(folder)) of \(Quote.excerpt(path)) does not exist; nothing was written."
        case .noFreeName(let folder, let base):
            return "\(Quote.excerpt(folder)) already holds 999 files named \(Quote.excerpt(base)); nothing was written. Move some away."
        case .writeFailed(let path, let reason):
            return "\(Quote.excerpt(path)) could not be written (\(reason)); nothing was written."
        }
    }
}
