// The crash harness's acknowledgements: a worker appends a line per commit (fsynced, after the store call
// returned); the harness reads them back and checks each against the store.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A worker's append-only log. `ack` is written and fsynced only after the store call it records returned,
/// so a line in this file is a commit the store promised. Every line ends with a "." field: a line cut by a
/// kill has none, and is skipped rather than read as a shorter id.
final class AckLog {
    private let fd: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BenchFailure("cannot open the acknowledgement log \(path)") }
        // A line cut short by the last kill is ended here, so that this run's first line starts clean.
        let size = lseek(fd, 0, SEEK_END)
        var last: UInt8 = 0
        if size > 0, pread(fd, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") { append("\n", sync: true) }
    }

    deinit { close(fd) }

    /// Records a commit: written and on disk before the worker does anything else.
    func ack(_ fields: String...) { append(Self.line(fields), sync: true) }

    /// Records what is not a commit (a refusal, a note for the next run of this worker).
    func note(_ fields: String...) { append(Self.line(fields), sync: false) }

    static func line(_ fields: [String]) -> String {
        (fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") } + ["."])
            .joined(separator: "\t") + "\n"
    }

    private func append(_ text: String, sync: Bool) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if wrote < 0 { if errno == EINTR { continue }; return }
            done += wrote
        }
        if sync { fsync(fd) }
    }

    /// The whole lines of a log (its own earlier runs' lines, for a worker resuming its work).
    static func lines(of path: String) -> [[String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap(AckReader.fields)
    }
}

/// Reads what a worker appended since the last call.
struct AckReader {
    let path: String
    private var offset: UInt64 = 0
    /// Lines cut by a kill (no end mark): at most one per kill, never a commit the worker acknowledged.
    private(set) var torn = 0

    init(path: String) { self.path = path }

    /// The fields of each whole line added since the last call.
    mutating func newLines() -> [[String]] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.readToEnd()) ?? Data()
        guard let end = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let whole = data[data.startIndex...end]
        offset += UInt64(whole.count)
        var result: [[String]] = []
        for line in String(decoding: whole, as: UTF8.self).split(separator: "\n") {
            if let fields = Self.fields(line) { result.append(fields) } else { torn += 1 }
        }
        return result
    }

    /// A line's fields without the end mark, or nil for a line cut short.
    static func fields(_ line: Substring) -> [String]? {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.last == "." else { return nil }
        return Array(parts.dropLast())
    }
}
