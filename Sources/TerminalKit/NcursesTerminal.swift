// The only file that talks to ncurses: set-up, diffed drawing, key reading, restore.
import CNcursesw
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real terminal through ncursesw.
public final class NcursesTerminal: Terminal {
    private var previous: ScreenBuffer?
    private var restored = false
    /// A byte or key code read past the end of a sequence that was not UTF-8: the next key's start.
    private var pending: [Int32] = []
    private let colors: Bool

    /// Takes over the terminal. Colours unless NO_COLOR is set or the terminal has none.
    public init() {
        setlocale(LC_ALL, "")
        if setlocale(LC_CTYPE, nil).map({ String(cString: $0) }).map({ !$0.uppercased().contains("UTF") }) ?? true {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        // Esc must answer at once, not after curses' one-second wait for an escape sequence.
        setenv("ESCDELAY", "25", 1)
        initscr()
        raw()
        noecho()
        nonl()
        keypad(fd_stdscr(), true)
        intrflush(fd_stdscr(), false)
        let wantsColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        colors = wantsColor && has_colors()
        if colors {
            start_color()
            use_default_colors()
            for style in Style.allCases {
                let look = Theme.look(style)
                init_pair(Int16(style.rawValue + 1), look.foreground, look.background)
            }
        }
        curs_set(0)
        atexit { endwin() }
        // A crash must not leave the terminal raw and silent: put it back, then die as before.
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { received in
                endwin()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    deinit { restore() }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(fd_stdscr())), Int(getmaxy(fd_stdscr())))
    }

    public func draw(_ buffer: ScreenBuffer) {
        let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        if full { clearok(fd_stdscr(), true) }
        for row in 0..<buffer.height {
            var column = 0
            while column < buffer.width {
                let cell = buffer[row, column]
                if !full, let old = previous, old[row, column] == cell {
                    column += 1
                    continue
                }
                if cell.continuation { column += 1; continue }
                attrset(attributes(cell.style))
                mvaddstr(Int32(row), Int32(column), String(cell.character))
                column += 1
            }
        }
        attrset(0)
        if let cursor = buffer.cursor {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
        previous = buffer
    }

    /// Reads bytes (`wgetch`) and decodes UTF-8 itself, strictly (`UTF8Input`): curses' `get_wch`
    /// swallows bytes that are not UTF-8 together with the keys typed after them.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        let code: Int32
        if pending.isEmpty {
            timeout(Int32(timeoutMilliseconds))
            code = wgetch(fd_stdscr())
            if code == ERR { return nil }
        } else {
            code = pending.removeFirst()
        }
        if code > 0xFF { return Self.functionKey(code) }
        let decoded = UTF8Input.decode(first: UInt8(truncatingIfNeeded: code)) {
            // The rest of a character arrives with its first byte; a short wait covers a slow link.
            timeout(50)
            let next = wgetch(fd_stdscr())
            return next == ERR ? nil : next
        }
        if let leftover = decoded.leftover { pending.append(leftover) }
        return Self.characterKey((decoded.scalar ?? UTF8Input.replacement).value)
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
    }

    private func attributes(_ style: Style) -> Int32 {
        let look = Theme.look(style)
        return colors ? (fd_color_pair(Int32(style.rawValue + 1)) | look.colorAttributes) : look.monoAttributes
    }

    static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case fd_key_f(1)...fd_key_f(24): return .function(Int(code - fd_key_f(0)))
        default: return nil
        }
    }
}
