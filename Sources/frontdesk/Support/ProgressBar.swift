// A progress bar on standard error, for long imports.
import Foundation

/// A progress bar on standard error, drawn only on a terminal.
final class ProgressBar {
    private let enabled: Bool
    private var lastPercent = -1

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
        FileHandle.standardError.write(Data("\r  [\(bar)] \(percent)%  \(done)/\(total) rows".utf8))
    }

    func finish() {
        if enabled, lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        lastPercent = -1
    }
}
