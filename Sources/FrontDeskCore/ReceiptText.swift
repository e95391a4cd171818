// Receipts, refunds, invoices and Z reports as plain text: 42 columns for an 80 mm thermal printer, 80 for A4.
import Foundation

/// One item of a receipt or invoice: amounts in minor units, printed as given (sign included).
public struct ReceiptLine: Sendable, Equatable {
    public var description: String
    public var quantity: Int64
    public var unitMinor: Int64
    public var amountMinor: Int64

    public init(description: String, quantity: Int64 = 1, unitMinor: Int64, amountMinor: Int64) {
        self.description = description
        self.quantity = quantity
        self.unitMinor = unitMinor
        self.amountMinor = amountMinor
    }

    /// One of something at `amountMinor`.
    public init(_ description: String, _ amountMinor: Int64) {
        self.init(description: description, quantity: 1, unitMinor: amountMinor, amountMinor: amountMinor)
    }
}

/// A labelled amount under the items: Subtotal, Discount, Insurance (NHIF), Patient pays, Paid, Balance due…
public struct ReceiptTotal: Sendable, Equatable {
    public var label: String
    public var amountMinor: Int64

    public init(_ label: String, _ amountMinor: Int64) {
        self.label = label
        self.amountMinor = amountMinor
    }
}

/// How (part of) the money moved: "Cash", "Mobile money" with its reference.
public struct ReceiptPayment: Sendable, Equatable {
    public var method: String
    public var amountMinor: Int64
    public var reference: String?

    public init(_ method: String, _ amountMinor: Int64, reference: String? = nil) {
        self.method = method
        self.amountMinor = amountMinor
        self.reference = reference
    }
}

/// What a printed document says, already worked out: the renderer adds nothing but layout.
/// Every amount is printed as given: a refund's money going back is passed negative, and is
/// printed with a minus.
public struct ReceiptDocument: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case receipt, refund, invoice, zReport

        /// The heading under the facility's name.
        public var title: String {
            switch self {
            case .receipt: return "RECEIPT"
            case .refund: return "REFUND"
            case .invoice: return "INVOICE"
            case .zReport: return "Z REPORT"
            }
        }
    }

    public var kind: Kind
    public var facilityName: String
    /// Address, phone, tax number: one centred line each.
    public var facilityLines: [String]
    /// "RCT-000123", "INV-000045", a shift's number.
    public var number: String
    /// Already in the facility's local time, e.g. "23 Nov 2026 10:42".
    public var issuedAt: String
    /// "Okafor, Amina  MR00000018"; nil for a Z report.
    public var patientLine: String?
    /// Free lines under the patient: "Refund of RCT-000120", "Reason: …", "Authorised by …", shift times.
    public var notes: [String]
    public var lines: [ReceiptLine]
    public var totals: [ReceiptTotal]
    public var payments: [ReceiptPayment]
    public var tenderedMinor: Int64?
    public var changeMinor: Int64?
    public var cashier: String
    /// Centred lines at the end: "Thank you", "Goods once sold…".
    public var footer: [String]
    /// A reprint: `*** COPY ***` at the top and the bottom.
    public var isCopy: Bool
    /// "KES"; heads the amount column.
    public var currency: String
    public var minorUnits: Int

    public init(kind: Kind, facilityName: String, facilityLines: [String] = [], number: String, issuedAt: String,
                patientLine: String? = nil, notes: [String] = [], lines: [ReceiptLine] = [], totals: [ReceiptTotal] = [],
                payments: [ReceiptPayment] = [], tenderedMinor: Int64? = nil, changeMinor: Int64? = nil,
                cashier: String, footer: [String] = [], isCopy: Bool = false, currency: String, minorUnits: Int) {
        self.kind = kind
        self.facilityName = facilityName
        self.facilityLines = facilityLines
        self.number = number
        self.issuedAt = issuedAt
        self.patientLine = patientLine
        self.notes = notes
        self.lines = lines
        self.totals = totals
        self.payments = payments
        self.tenderedMinor = tenderedMinor
        self.changeMinor = changeMinor
        self.cashier = cashier
        self.footer = footer
        self.isCopy = isCopy
        self.currency = currency
        self.minorUnits = minorUnits
    }
}

/// Lays a `ReceiptDocument` out as monospaced text.
public enum ReceiptText {
    /// An 80 mm thermal printer's line (Font A).
    public static let thermalWidth = 42
    /// A plain-text or A4 page.
    public static let pageWidth = 80
    /// Narrower requests are laid out at this width.
    public static let minimumWidth = 32
    /// From this width on, items get quantity and unit price columns.
    static let tableWidth = 60

    /// The document as lines of at most `width` display columns (wide characters count two), each
    /// ending in a newline, with no trailing spaces. Long descriptions wrap under themselves, with
    /// the amount on their first line.
    public static func render(_ doc: ReceiptDocument, width requested: Int) -> String {
        Layout(doc: doc, width: max(requested, minimumWidth)).lines().joined(separator: "\n") + "\n"
    }

    private struct Layout {
        let doc: ReceiptDocument
        let width: Int
        /// The amount column: wide enough for its heading and every amount on the document.
        let amountWidth: Int
        let quantityWidth: Int
        let table: Bool

        init(doc: ReceiptDocument, width: Int) {
            self.doc = doc
            self.width = width
            table = width >= ReceiptText.tableWidth
            var amounts = doc.lines.map(\.amountMinor) + doc.totals.map(\.amountMinor) + doc.payments.map(\.amountMinor)
            amounts += [doc.tenderedMinor, doc.changeMinor].compactMap { $0 }
            if table { amounts += doc.lines.map(\.unitMinor) }
            var widest = amounts.map { Money.format($0, minorUnits: doc.minorUnits).count }.max() ?? 0
            widest = max(widest, DisplayWidth.of(Self.amountHeading(doc)))
            if table { widest = max(widest, "Unit price".count) }
            quantityWidth = max(3, doc.lines.map { String($0.quantity).count }.max() ?? 0)
            // Leave the descriptions at least half the line; a longer amount gets a line of its own.
            let room = table ? (width - quantityWidth - 3) / 3 : width / 2
            amountWidth = min(widest, room)
        }

        static func amountHeading(_ doc: ReceiptDocument) -> String {
            let code = clean(doc.currency)
            return code.isEmpty ? "Amount" : "Amount (\(code))"
        }

        var rule: String { String(repeating: "-", count: width) }

        func money(_ minor: Int64) -> String { Money.format(minor, minorUnits: doc.minorUnits) }

        func lines() -> [String] {
            var out: [String] = []
            let banner = centred("*** COPY ***")
            if doc.isCopy { out += banner }
            out += centred(doc.facilityName)
            for line in doc.facilityLines { out += centred(line) }
            out.append(rule)
            out += centred(doc.kind.title)
            out += spread("No. " + clean(doc.number), clean(doc.issuedAt))
            if let patient = doc.patientLine { out += wrapped("Patient: " + clean(patient)) }
            for note in doc.notes { out += wrapped(clean(note)) }
            if !doc.lines.isEmpty {
                out.append(rule)
                out += table ? itemTable() : itemList()
            }
            if !doc.totals.isEmpty {
                out.append(rule)
                for total in doc.totals { out += amountRow(total.label, total.amountMinor) }
            }
            if !doc.payments.isEmpty || doc.tenderedMinor != nil || doc.changeMinor != nil {
                out.append(rule)
                for payment in doc.payments {
                    let reference = payment.reference.map(clean).flatMap { $0.isEmpty ? nil : $0 }
                    out += amountRow(payment.method + (reference.map { ", ref " + $0 } ?? ""), payment.amountMinor)
                }
                if let tendered = doc.tenderedMinor { out += amountRow("Tendered", tendered) }
                if let change = doc.changeMinor { out += amountRow("Change", change) }
            }
            out.append(rule)
            out += wrapped("Cashier: " + clean(doc.cashier))
            for line in doc.footer { out += centred(line) }
            if doc.isCopy { out += banner }
            return out
        }

        // MARK: Items

        /// Narrow paper: the description and the amount; `2 x 750.00` under it when more than one.
        func itemList() -> [String] {
            let descriptionWidth = width - amountWidth - 1
            var out = [heading("Item", descriptionWidth) + " " + right(Self.amountHeading(doc), amountWidth)]
            for line in doc.lines {
                out += amountRow(line.description, line.amountMinor)
                if line.quantity != 1 {
                    out += DisplayWidth.wrap("\(line.quantity) x \(money(line.unitMinor))", first: width - 2, rest: width - 2)
                        .map { "  " + $0 }
                }
            }
            return out
        }

        /// A page: description, quantity, unit price and amount columns.
        func itemTable() -> [String] {
            let descriptionWidth = width - quantityWidth - 2 * amountWidth - 3
            var out = [heading("Description", descriptionWidth) + " " + right("Qty", quantityWidth) + " "
                + right("Unit price", amountWidth) + " " + right(Self.amountHeading(doc), amountWidth)]
            for line in doc.lines {
                let text = DisplayWidth.wrap(clean(line.description), first: descriptionWidth, rest: descriptionWidth - 2)
                let unit = money(line.unitMinor)
                let amount = money(line.amountMinor)
                if unit.count <= amountWidth, amount.count <= amountWidth {
                    out.append(pad(text[0], descriptionWidth) + " " + right(String(line.quantity), quantityWidth) + " "
                        + right(unit, amountWidth) + " " + right(amount, amountWidth))
                    out += text.dropFirst().map { "  " + $0 }
                } else {
                    // An amount wider than its column: the figures on lines of their own.
                    out.append(text[0])
                    out += text.dropFirst().map { "  " + $0 }
                    out += alone("\(line.quantity) x \(unit)")
                    out += alone(amount)
                }
            }
            return out
        }

        // MARK: Rows

        /// A label (wrapped, continuation lines indented) with the amount right-aligned on its first line.
        func amountRow(_ label: String, _ minor: Int64) -> [String] {
            let amount = money(minor)
            let labelWidth = width - amountWidth - 1
            let text = DisplayWidth.wrap(clean(label), first: labelWidth, rest: labelWidth - 2)
            guard amount.count <= amountWidth else { return [text[0]] + text.dropFirst().map { "  " + $0 } + alone(amount) }
            return [pad(text[0], labelWidth) + " " + right(amount, amountWidth)] + text.dropFirst().map { "  " + $0 }
        }

        /// A figure right-aligned on lines of its own (broken only if wider than the paper).
        func alone(_ text: String) -> [String] {
            DisplayWidth.wrap(text, first: width, rest: width).map { right($0, width) }
        }

        /// `left` and `right` on one line when both fit with two spaces between; else one under the other.
        func spread(_ left: String, _ right: String) -> [String] {
            let left = left.trimmingCharacters(in: .whitespaces)
            if right.isEmpty { return wrapped(left) }
            let gap = width - DisplayWidth.of(left) - DisplayWidth.of(right)
            if gap >= 2 { return [left + String(repeating: " ", count: gap) + right] }
            return wrapped(left) + wrapped(right)
        }

        func wrapped(_ text: String) -> [String] {
            let lines = DisplayWidth.wrap(text, first: width, rest: width - 2)
            return [lines[0]] + lines.dropFirst().map { "  " + $0 }
        }

        func centred(_ text: String) -> [String] {
            DisplayWidth.wrap(clean(text), first: width, rest: width).map {
                String(repeating: " ", count: (width - DisplayWidth.of($0)) / 2) + $0
            }
        }

        /// A column heading, cut if the column is narrower (only on absurdly narrow paper).
        func heading(_ text: String, _ columns: Int) -> String {
            pad(DisplayWidth.wrap(text, first: columns, rest: columns)[0], columns)
        }

        func pad(_ text: String, _ columns: Int) -> String {
            text + String(repeating: " ", count: max(0, columns - DisplayWidth.of(text)))
        }

        func right(_ text: String, _ columns: Int) -> String {
            String(repeating: " ", count: max(0, columns - DisplayWidth.of(text))) + text
        }
    }

    /// Line breaks, tabs and other control characters become spaces; outer spaces go.
    static func clean(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) }
        return String(scalars).trimmingCharacters(in: .whitespaces)
    }
}

/// Columns text takes in a monospaced font or on a terminal: wide East Asian characters and
/// emoji two, combining marks none. The same rules as TerminalKit's `TextWidth`, without the C library.
enum DisplayWidth {
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return isWide(first.value) ? 2 : 1
        }
    }

    static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    /// East Asian Wide and Fullwidth: Hangul, CJK, kana, fullwidth forms.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` broken at spaces into lines of at most `first` columns, then `rest`. Spaces inside a
    /// line are kept ("Okafor, Amina  MR00000018"); a word longer than a whole line is broken
    /// between characters, so nothing is lost. Always at least one line.
    static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        var limit: Int { max(1, lines.isEmpty ? first : rest) }
        func finish() {
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            line = ""
            used = 0
        }
        var gap = 0
        var word = ""
        func place() {
            defer { word = ""; gap = 0 }
            guard !word.isEmpty else { return }
            let w = of(word)
            if used > 0, used + gap + w <= limit {
                line += String(repeating: " ", count: gap) + word
                used += gap + w
                return
            }
            if w <= limit {
                if used > 0 { finish() }
                line = word
                used = w
                return
            }
            // Longer than a line: start it here if there is room, and break it between characters.
            if used > 0, used + gap < limit {
                line += String(repeating: " ", count: gap)
                used += gap
            } else if used > 0 {
                finish()
            }
            for character in word {
                let c = of(character)
                if used > 0, used + c > limit { finish() }
                line.append(character)
                used += c
            }
        }
        for character in text {
            if character == " " {
                if !word.isEmpty { place() }
                gap += 1
            } else {
                word.append(character)
            }
        }
        place()
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
