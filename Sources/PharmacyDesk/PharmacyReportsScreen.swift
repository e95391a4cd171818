// The pharmacy's reports on screen: dispensing by item and the stock movements of a day (←/→), stock on hand with its value at cost, expiries.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class PharmacyReportsScreen: Screen {
    package let title = "Pharmacy reports"
    package let keymap = Keymaps.pharmacyReports

    enum Kind: Int, CaseIterable {
        case dispensing, movements, stock, expiries
        var title: String {
            switch self {
            case .dispensing: return "Dispensing by item"
            case .movements: return "Stock movements"
            case .stock: return "Stock on hand and value at cost"
            case .expiries: return "Expiries"
            }
        }

        /// A report of one day (←/→ change it); the others are of now.
        var isDaily: Bool { self == .dispensing || self == .movements }
    }

    private var kind = Kind.dispensing
    private var day: CalendarDay
    private var header = ""
    private var lines: [String] = []
    private var footer = ""
    private var offset = 0
    private var message: String?

    package init(context: ShellContext) {
        day = context.today
        reload(context: context)
    }

    static let dispensing = Table([Table.text(11), Table.text(31), Table.number(7), Table.number(7), Table.number(5), Table.number(13)])
    static let movements = Table([Table.text(7), Table.text(10), Table.text(11), Table.text(11), Table.number(7)])
    static let stock = Table([Table.text(11), Table.text(34), Table.number(9), Table.number(9), Table.number(14)])
    static let expiries = Table([Table.text(12), Table.text(11), Table.text(30), Table.text(12), Table.number(9)])

    package func reload(context: ShellContext) {
        message = nil
        let pharmacy = context.store.pharmacy
        do {
            switch kind {
            case .dispensing:
                let rows = try pharmacy.dispensing(from: day, to: day)
                header = Self.dispensing.line(["Code", "Item", "Given", "Back", "Rx", "Charged"])
                lines = rows.map { Self.dispensing.line([$0.item.code, $0.item.title, "\($0.quantity)", "\($0.returned)", "\($0.prescriptions)",
                                                         context.plainMoney($0.chargedMinor)]) }
                footer = "\(rows.reduce(0) { $0 + $1.prescriptions }) prescription line(s); charged \(context.money(rows.reduce(0) { $0 + $1.chargedMinor }))."
            case .movements:
                let rows = try pharmacy.movements(from: day, to: day)
                header = Self.movements.line(["Time", "Movement", "Item", "Batch", "Qty", "  By, detail"])
                // The detail wraps under itself (the screen is at least 80 columns) rather than being cut.
                let column = Self.movements.width + 2
                lines = rows.flatMap { line -> [String] in
                    let m = line.movement
                    let detail = [line.by, m.counterparty, m.reason].compactMap { $0 }.joined(separator: ", ")
                    let wrapped = TextWidth.wrap(detail, to: 76 - column)
                    return [Self.movements.line([context.localClock(m.occurredAt), m.type.title, line.itemCode, line.batchNo,
                                                 String(format: "%+d", m.quantity), "  " + (wrapped.first ?? "")])]
                        + wrapped.dropFirst().map { String(repeating: " ", count: column) + $0 }
                }
                footer = "\(rows.count) movement(s)."
            case .stock:
                let rows = try pharmacy.stockOnHand()
                header = Self.stock.line(["Code", "Item", "On hand", "Usable", "Value"])
                lines = rows.map { Self.stock.line([$0.item.code, $0.item.title, "\($0.onHand)", "\($0.usable)", context.plainMoney($0.valueMinor)]) }
                footer = "\(rows.count) item(s); stock value at cost \(context.money(rows.reduce(0) { $0 + $1.valueMinor }))."
            case .expiries:
                let window = try pharmacy.settings().expiryAlertDays
                let rows = try pharmacy.expiries(withinDays: window)
                header = Self.expiries.line(["Expiry", "Code", "Item", "Batch", "On hand"])
                lines = rows.map { Self.expiries.line([$0.batch.expiry, $0.item.code, $0.item.title, $0.batch.batchNo, "\($0.onHand)"]) }
                footer = "\(rows.count) batch(es) expired or expiring within \(window) days."
            }
        } catch {
            message = StoreError.sentence(for: error)
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put(kind.title + (kind == .dispensing || kind == .movements ? ", \(day)" : ", now"), row: row, column: 2, style: .title, maxWidth: width)
        row += 2
        buffer.put(header, row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        let room = max(0, area.upperBound - row - 3)
        offset = max(0, min(offset, lines.count - room))
        if lines.isEmpty { buffer.put("Nothing to show.", row: row, column: 4, style: .muted) }
        for line in lines.dropFirst(offset).prefix(room) {
            buffer.put(line, row: row, column: 2, maxWidth: width)
            row += 1
        }
        let more = lines.count > offset + room ? "  (↓ more)" : ""
        buffer.put(footer + more, row: area.upperBound - 2, column: 2, style: .muted, maxWidth: width)
        if let message { NoticeLines.draw(message, isError: true, into: &buffer, area: area, width: width) }
    }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command == Commands.previousDay || command == Commands.nextDay ? kind.isDaily : true
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command {
        case Commands.nextReport:
            kind = Kind(rawValue: (kind.rawValue + 1) % Kind.allCases.count)!
            offset = 0
        case Commands.previousDay where kind.isDaily: day = day.adding(days: -1)
        case Commands.nextDay where kind.isDaily: day = day.adding(days: 1)
        case Commands.scrollDown: offset += 1
        case Commands.scrollUp: offset = max(0, offset - 1)
        default: return .none
        }
        reload(context: context)
        return .redraw
    }
}
