// Receiving a delivery (GRN): the supplier and invoice, then its lines, each checked as it is typed; saved in one step.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum GoodsReceiptScreen {
    static let columns = Table([Table.text(3), Table.text(11), Table.text(13), Table.text(12), Table.number(8), Table.number(13)])

    /// The delivery's header; saving it opens the lines.
    package static func start() -> any Screen {
        FormScreen(title: "Receive goods", intro: "A delivery from a supplier. Ctrl-S goes on to its lines.", fields: [
            FormField("Supplier", maxLength: 100, hint: "who delivered"),
            FormField("Invoice", maxLength: 40, hint: "their invoice or delivery note number (optional)"),
        ]) { values, context in
            let supplier = values["supplier"].trimmingCharacters(in: .whitespaces)
            guard !supplier.isEmpty else { throw ValidationError("supplier", "is required") }
            return .replace(popping: 1, with: lines(supplier: supplier, invoice: values["invoice"], context: context))
        }
    }

    static func lines(supplier: String, invoice: String, context: ShellContext) -> any Screen {
        let currency = (try? context.store.cashier.currency()) ?? Currency(code: "XXX")
        return LineEntryScreen<ReceiptLineInput>(
            title: "Receive goods", keymap: Keymaps.lineEntry,
            intro: "From \(supplier)\(invoice.isEmpty ? "" : ", invoice \(invoice)"). a adds a line (quantities in dispensing units, cost for the whole line in \(currency.code)); Ctrl-S receives the delivery.",
            columns: columns, header: ["Item", "Batch", "Expiry", "Quantity", "Cost"], maxLines: PharmacyStore.maxReceiptLines,
            cells: { [$0.itemCode, $0.batchNo, ExpiryDate.parse($0.expiry)?.description ?? $0.expiry, "\($0.quantity)",
                      context.plainMoney($0.costMinor)] },
            lineForm: { context, add in lineForm(context: context, add: add) },
            save: { lines, context in
                guard let actor = context.session?.actor else { return .none }
                let receipt = try context.store.pharmacy.receive(GoodsReceiptInput(supplier: supplier, invoiceNo: invoice, lines: lines), by: actor)
                let units = lines.reduce(0) { $0 + $1.quantity }
                return .done(popping: 1, notice: "Goods received note \(receipt.number): \(lines.count) line(s), \(units) units from \(supplier).")
            })
    }

    /// One line: checked by the store's own rules (item, batch, expiry and shelf life) before it joins the delivery.
    static func lineForm(context: ShellContext, add: @escaping (ReceiptLineInput) -> Void) -> any Screen {
        FormScreen(title: "Delivery line", intro: "Ctrl-S adds the line to the delivery (nothing is saved until the delivery is).", fields: [
            FormField("Item", maxLength: 32, hint: "item code (i on the counter finds one)", errorKeys: ["item"]),
            FormField("Batch", maxLength: 40, hint: "as printed on the pack"),
            FormField("Expiry", maxLength: 10, hint: "2027-03-31, 2027-03 or 03/2027"),
            FormField("Quantity", maxLength: 8, hint: "in dispensing units (tablets, ml…)"),
            FormField("Cost", maxLength: 16, hint: "of the whole line"),
        ]) { values, context in
            guard let quantity = Int(values["quantity"].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("quantity", values["quantity"].isEmpty ? "is required" : "is not a whole number")
            }
            let cost = try context.amount(values["cost"], field: "cost")
            let line = ReceiptLineInput(itemCode: values["item"], batchNo: values["batch"], expiry: values["expiry"], quantity: quantity,
                                        costMinor: cost)
            let item = try context.store.pharmacy.checkReceiptLine(line)
            var tidy = line
            tidy.itemCode = item.code
            tidy.batchNo = line.batchNo.trimmingCharacters(in: .whitespaces).uppercased()
            add(tidy)
            return .done(popping: 1, notice: "Line added: \(quantity) \(item.unit)(s) of \(item.title).")
        }
    }
}
