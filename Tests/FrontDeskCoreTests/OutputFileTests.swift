// OutputFile: every rule that keeps an export from destroying a file, each checked on a real folder.
import Foundation
import XCTest

@testable import FrontDeskCore

#if canImport(Glibc)
import Glibc
#endif

final class OutputFileTests: XCTestCase {
    var folder: String!
    var storePath: String { folder + "/store.sqlite" }
    let storeBytes = Data("SQLite format 3\u{0}not really".utf8)

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "output-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: storePath, contents: storeBytes)
        FileManager.default.createFile(atPath: storePath + "-wal", contents: Data("wal".utf8))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func mode(_ path: String) -> Int {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0)
        return Int(info.st_mode & 0o777)
    }

    /// Asserts `file.write` is refused with `expected` and left the folder as it was (no temporary file either).
    func assertRefused(_ file: OutputFile, _ expected: OutputFileError, file line: StaticString = #filePath, _ l: UInt = #line) {
        let before = try? FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let bytes = regularContents(file.path)
        XCTAssertThrowsError(try file.write("BEGIN:VCALENDAR\r\n"), file: line, line: l) { error in
            XCTAssertEqual(error as? OutputFileError, expected, file: line, line: l)
            XCTAssertTrue("\(error)".contains("nothing was written"), "\(error)", file: line, line: l)
        }
        XCTAssertEqual(try? FileManager.default.contentsOfDirectory(atPath: folder).sorted(), before, "the folder is unchanged", file: line, line: l)
        XCTAssertEqual(regularContents(file.path), bytes, file: line, line: l)
    }

    /// The bytes of a plain file (never opening a FIFO, which would block); nil for anything else.
    func regularContents(_ path: String) -> Data? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return contents(path)
    }

    func testANewFileIsWrittenWholeWithMode0600AndNoTemporaryFileLeft() throws {
        let old = umask(0)
        defer { umask(old) }
        let path = folder + "/day.ics"
        try OutputFile(path, protecting: [storePath]).write("BEGIN:VCALENDAR\r\n")
        XCTAssertEqual(contents(path), Data("BEGIN:VCALENDAR\r\n".utf8))
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["day.ics", "store.sqlite", "store.sqlite-wal"])
    }

    func testAnExistingFileIsKeptUnlessForcedAndThenReplacedAs0600() throws {
        let path = folder + "/day.ics"
        FileManager.default.createFile(atPath: path, contents: Data("mine".utf8), attributes: [.posixPermissions: 0o644])
        assertRefused(OutputFile(path), .exists(path: path))
        XCTAssertTrue("\(OutputFileError.exists(path: path))".contains("--force"))
        try OutputFile(path, force: true).write("new")
        XCTAssertEqual(contents(path), Data("new".utf8))
        XCTAssertEqual(mode(path), 0o600)
    }

    func testTheStoreItsWalAndShmAreNeverWrittenEvenForcedHowEverSpelled() throws {
        let name = (folder as NSString).lastPathComponent
        let spellings = [storePath, folder + "/./store.sqlite", folder + "/../\(name)/store.sqlite", folder + "//store.sqlite"]
        for spelling in spellings {
            for force in [false, true] {
                assertRefused(OutputFile(spelling, force: force, protecting: [storePath]), .store(path: spelling, store: storePath))
            }
        }
        assertRefused(OutputFile(storePath + "-wal", force: true, protecting: [storePath]), .store(path: storePath + "-wal", store: storePath + "-wal"))
        // -shm does not exist yet: refused by its name all the same (SQLite would read it).
        assertRefused(OutputFile(storePath + "-shm", force: true, protecting: [storePath]), .store(path: storePath + "-shm", store: storePath + "-shm"))
        // The store named relative to the working directory.
        let here = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(here) }
        assertRefused(OutputFile("store.sqlite", force: true, protecting: [storePath]), .store(path: "store.sqlite", store: storePath))
        assertRefused(OutputFile(storePath, force: true, protecting: ["./store.sqlite"]), .store(path: storePath, store: "./store.sqlite"))
        XCTAssertEqual(contents(storePath), storeBytes)
    }

    func testAHardLinkToTheStoreIsCaughtByDeviceAndInode() throws {
        let alias = folder + "/alias.db"
        XCTAssertEqual(link(storePath, alias), 0)
        assertRefused(OutputFile(alias, force: true, protecting: [storePath]), .store(path: alias, store: storePath))
        XCTAssertEqual(contents(storePath), storeBytes)
    }

    func testASymbolicLinkIsNeverFollowedNorReplaced() throws {
        let link = folder + "/link.ics"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: storePath)
        for force in [false, true] {
            assertRefused(OutputFile(link, force: force), .symbolicLink(path: link))
        }
        let dangling = folder + "/dangling.ics"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder + "/nowhere")
        assertRefused(OutputFile(dangling, force: true), .symbolicLink(path: dangling))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/nowhere"))
        XCTAssertEqual(contents(storePath), storeBytes)
    }

    func testDevicesFifosSocketsAndFoldersAreRefused() throws {
        assertRefused(OutputFile("/dev/null", force: true), .notAFile(path: "/dev/null", kind: "device"))
        let fifo = folder + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        assertRefused(OutputFile(fifo, force: true), .notAFile(path: fifo, kind: "named pipe (FIFO)"))
        let sub = folder + "/sub"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        assertRefused(OutputFile(sub, force: true), .notAFile(path: sub, kind: "folder"))
        let socketPath = folder + "/sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in socketPath.utf8.prefix(buffer.count - 1).enumerated() { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(bound, 0)
        assertRefused(OutputFile(socketPath, force: true), .notAFile(path: socketPath, kind: "socket"))
    }

    func testAMissingFolderIsRefusedNotCreated() throws {
        let path = folder + "/no/such/day.ics"
        assertRefused(OutputFile(path), .noFolder(path: path, folder: folder + "/no/such"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/no"))
    }

    func testAFileThatAppearsAfterTheCheckIsNotReplaced() throws {
        // link() is what puts the file in place when not forcing: it fails on an existing name.
        let path = folder + "/late.ics"
        let temporary = try OutputFile.writeTemporary(Data("mine".utf8), in: folder, for: path)
        defer { unlink(temporary) }
        XCTAssertEqual(mode(temporary), 0o600)
        FileManager.default.createFile(atPath: path, contents: Data("theirs".utf8))
        XCTAssertNotEqual(link(temporary, path), 0)
        XCTAssertEqual(contents(path), Data("theirs".utf8))
    }

    func testContentWrittenByAnotherLibraryGoesInPlaceByTheSameRules() throws {
        let path = folder + "/backup.sqlite"
        var seen = ""
        try OutputFile(path, protecting: [storePath]).produce { temporary in
            seen = temporary
            XCTAssertEqual(mode(temporary), 0o600)
            XCTAssertEqual(contents(temporary), Data(), "an empty file to fill")
            try Data("backup".utf8).write(to: URL(fileURLWithPath: temporary))
        }
        XCTAssertEqual(contents(path), Data("backup".utf8))
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: seen), "the temporary name is gone")
        XCTAssertThrowsError(try OutputFile(path).produce { _ in XCTFail("nothing is produced for a refused target") })
        XCTAssertThrowsError(try OutputFile(storePath, force: true, protecting: [storePath]).produce { _ in XCTFail("never") })
        struct Failed: Error {}
        let other = folder + "/failed.sqlite"
        XCTAssertThrowsError(try OutputFile(other).produce { _ in throw Failed() })
        XCTAssertFalse(FileManager.default.fileExists(atPath: other))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["backup.sqlite", "store.sqlite", "store.sqlite-wal"])
    }

    func testScreensTakeTheNextFreeName() throws {
        let first = try OutputFile.writeFresh("one", folder: folder, base: "RCT-000001", ext: "txt", protecting: [storePath])
        let second = try OutputFile.writeFresh("two", folder: folder, base: "RCT-000001", ext: "txt", protecting: [storePath])
        try FileManager.default.createSymbolicLink(atPath: folder + "/RCT-000001-3.txt", withDestinationPath: storePath)
        let fourth = try OutputFile.writeFresh("four", folder: folder, base: "RCT-000001", ext: "txt", protecting: [storePath])
        XCTAssertEqual([first, second, fourth].map { ($0 as NSString).lastPathComponent }, ["RCT-000001.txt", "RCT-000001-2.txt", "RCT-000001-4.txt"])
        XCTAssertEqual(contents(first), Data("one".utf8))
        XCTAssertEqual(contents(fourth), Data("four".utf8))
        XCTAssertEqual(contents(storePath), storeBytes)
        XCTAssertThrowsError(try OutputFile.writeFresh("x", folder: folder, base: "store", ext: "sqlite", protecting: [storePath])) { error in
            XCTAssertEqual(error as? OutputFileError, .store(path: storePath, store: storePath))
        }
    }
}
