// The loop that joins a Shell to a real terminal: keys in, frames out, signals, live refresh.
import Foundation
import FrontDeskStore
import TerminalKit

extension Shell {
    /// Runs until the user quits or a signal arrives; restores the terminal on every way out.
    public func run(on terminal: any Terminal, watcher: ChangeWatcher?) {
        defer { terminal.restore() }
        var needsDraw = true
        var shownMinute = context.localTime
        var emptyReads = 0
        while !finished {
            if SignalGuard.received != nil {
                abandon()
                break
            }
            if top.poll() { needsDraw = true }
            if needsDraw {
                let size = terminal.size
                terminal.draw(render(width: size.width, height: size.height))
                needsDraw = false
            }
            let started = DispatchTime.now().uptimeNanoseconds
            // While a lookup runs, look for its result every few milliseconds; otherwise sleep in the read.
            if let key = terminal.readKey(timeoutMilliseconds: top.isWaiting ? 5 : 200) {
                emptyReads = 0
                if key != .resize { press(key) }
                needsDraw = true
                continue
            }
            // A read that fails at once, again and again, means the terminal is gone.
            emptyReads = DispatchTime.now().uptimeNanoseconds - started < 5_000_000 ? emptyReads + 1 : 0
            if emptyReads > 50 {
                abandon()
                break
            }
            if tick() { needsDraw = true }
            if watcher?.hasChanged() == true {
                dataChanged()
                needsDraw = true
            }
            let minute = context.localTime
            if minute != shownMinute {
                shownMinute = minute
                for desk in context.desks { desk.minutePassed(context: context) }
                needsDraw = true
            }
        }
    }
}
