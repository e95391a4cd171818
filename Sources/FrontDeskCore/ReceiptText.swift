// Receipts, refunds, invoices and Z reports as plain text: 42 columns for an 80 mm thermal printer, 80 for A4.
import Foundation

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
