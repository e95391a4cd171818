// Home: the desks this user's role may open, and the facility at a glance (live).
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// Where a signed-in user starts.
public final class HomeScreen: Screen {
    public let title = "Home"
    /// The shell shows each role only the keys its permissions allow (desks, settings, fees).
    public let keymap: Keymap
    private let desks: [Desk]
    private let setUps: [SetUpScreen]
    private var selected = 0
    private var glance = FacilityGlance()

    public init(context: ShellContext) {
        desks = Desk.available(to: context.session?.actor.role)
        keymap = Keymaps.home(context.desks)
        setUps = context.desks.flatMap(\.setUpScreens)
        reload(context: context)
    }

    public func reload(context: ShellContext) {
        glance = FacilityGlance(store: context.store, desks: context.desks, role: context.session?.actor.role)
    }

    public func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        let name = context.session?.actor.displayName ?? ""
        buffer.put("Welcome, \(name)", row: row, column: 2, style: .title, maxWidth: buffer.width - 4)
        row += 2
        if desks.isEmpty {
            buffer.put("Your role opens no desk. Ask an administrator.", row: row, column: 2, style: .warning)
        }
        // The facility's counts sit at the right; wider terminals give the desks' summaries the room.
        let column = buffer.width >= 100 ? buffer.width - 30 : 50
        for (index, desk) in desks.enumerated() {
            let style: Style = index == selected ? .selected : .normal
            buffer.fill(row: row, from: 2, count: column - 6, style: style)
            buffer.put(TextWidth.pad("F\(desk.functionKey)", to: 5), row: row, column: 3, style: index == selected ? .selected : .accent)
            buffer.put(desk.title, row: row, column: 8, style: style, maxWidth: 14)
            // Shortened at a word when the room is short (F1 help has the whole sentence).
            let summary = context.module(for: desk) != nil ? desk.summary : "not built yet"
            buffer.put(TextWidth.shortened(summary, to: column - 24), row: row, column: 22,
                       style: index == selected ? .selected : .muted)
            row += 1
        }
        guard buffer.width >= column + 26 else { return }
        var infoRow = area.lowerBound + 3
        buffer.put("Facility today", row: infoRow, column: column, style: .title)
        infoRow += 2
        for (label, value) in glance.lines {
            buffer.put(TextWidth.pad(label, to: 16), row: infoRow, column: column, style: .muted)
            buffer.put(value, row: infoRow, column: column + 16, maxWidth: buffer.width - column - 17)
            infoRow += 1
        }
    }

    public func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        // The desk keys (F2–F8, F9, F11) are the shell's: they work from every screen.
        switch key {
        case .up where !desks.isEmpty:
            selected = (selected + desks.count - 1) % desks.count
            return .redraw
        case .down where !desks.isEmpty:
            selected = (selected + 1) % desks.count
            return .redraw
        case .enter where !desks.isEmpty:
            return .push(context.open(desks[selected]))
        default:
            guard let command, let setUp = setUps.first(where: { $0.binding.command == command }) else { return .none }
            return .push(setUp.make(context))
        }
    }
}

/// Counts for the home screen, read in one snapshot.
package struct FacilityGlance {
    package var lines: [(String, String)] = []

    package init() {}

    package init(store: FacilityStore, desks: [any DeskModule], role: Role?) {
        let patients = (try? store.patientCount()).map(String.init) ?? "?"
        let users = (try? store.users().filter(\.active).count).map(String.init) ?? "?"
        let ledger = (try? store.ledgerHead().seq).map(String.init) ?? "?"
        let idle = (try? store.idleLockMinutes()).map { "\($0) min" } ?? "?"
        lines = [("Patients", patients), ("Active staff", users), ("Ledger entries", ledger), ("Idle lock", idle)]
            + desks.flatMap { $0.homeLines(store: store, role: role) }
    }
}
