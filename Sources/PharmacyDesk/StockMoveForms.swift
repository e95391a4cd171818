// The stock card's movements as forms: adjust (the pharmacist in charge approves), issue to a ward, return to a supplier, write off.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

enum StockMoveForms {
    static func batchName(_ stock: BatchStock) -> String {
        "\(stock.batch.batchNo) exp \(stock.batch.expiry) (\(stock.onHand))"
    }

    static func number(_ values: FormValues, _ name: String) throws -> Int {
        let text = values[name].trimmingCharacters(in: .whitespaces)
        guard let n = Int(text) else { throw ValidationError(name, text.isEmpty ? "is required" : "is not a whole number") }
        return n
    }

    /// An adjustment: the pharmacist in charge approves it, by their own session or their password typed here.
    static func adjust(_ card: StockCard, context: ShellContext) -> any Screen {
        let batches = card.batches
        let names = batches.map(batchName)
        let approval = InChargeApproval(context: context)
        let fields: [FormField] = [
            .choice("Batch", names),
            FormField("Change", maxLength: 8, hint: "+5 found, -3 damaged", errorKeys: ["change", "quantity"]),
            FormField("Reason", maxLength: 200, hint: "kept with the movement"),
        ] + approval.fields
        return FormScreen(title: "Adjust stock", intro: "\(card.item.code) \(card.item.title). An adjustment is a movement of its own: "
                          + "nothing is changed or removed." + (approval.isInCharge ? "" : " The pharmacist in charge approves it."), fields: fields) { values, context in
            guard let actor = context.session?.actor, let index = names.firstIndex(of: values["batch"]) else { return .pop }
            let text = values["change"].trimmingCharacters(in: .whitespaces)
            guard let delta = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                throw ValidationError("change", text.isEmpty ? "is required" : "is a whole number, + or -")
            }
            try context.store.pharmacy.adjust(batchID: batches[index].batch.batchID, by: delta, reason: values["reason"],
                                              approval: try approval.approval(values, context: context), by: actor)
            return .done(popping: 1, notice: "Batch \(batches[index].batch.batchNo) adjusted by \(delta > 0 ? "+" : "")\(delta).")
        }
    }

    static func issue(_ card: StockCard) -> any Screen {
        FormScreen(title: "Issue stock", intro: "\(card.item.code) \(card.item.title) to a ward or department, first expiry first.", fields: [
            FormField("Quantity", maxLength: 8, hint: "in \(card.item.unit)s"),
            FormField("Issued to", maxLength: 100, hint: "ward or department", errorKeys: ["issued to"]),
            FormField("Reason", maxLength: 200, hint: "ward stock, theatre…"),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .pop }
            let picks = try context.store.pharmacy.issue(itemID: card.item.itemID, quantity: try number(values, "quantity"),
                                                         to: values["issued to"], reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "Issued to \(values["issued to"]): " + picks.map { "\($0.quantity) from \($0.batchNo)" }.joined(separator: ", ") + ".")
        }
    }

    static func toSupplier(_ card: StockCard) -> any Screen {
        let batches = card.batches.filter { $0.onHand > 0 }
        let names = batches.map(batchName)
        return FormScreen(title: "Return to supplier", intro: "\(card.item.code) \(card.item.title): stock going back to its supplier.", fields: [
            .choice("Batch", names),
            FormField("Quantity", maxLength: 8, hint: "in \(card.item.unit)s"),
            FormField("Supplier", maxLength: 100, hint: "", text: batches.first?.batch.supplier ?? ""),
            FormField("Reason", maxLength: 200, hint: "recall, damaged…"),
        ]) { values, context in
            guard let actor = context.session?.actor, let index = names.firstIndex(of: values["batch"]) else { return .pop }
            let quantity = try number(values, "quantity")
            try context.store.pharmacy.returnToSupplier(batchID: batches[index].batch.batchID, quantity: quantity, supplier: values["supplier"],
                                                        reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "\(quantity) of batch \(batches[index].batch.batchNo) returned to \(values["supplier"]).")
        }
    }

    static func writeOff(_ card: StockCard) -> any Screen {
        let batches = card.batches.filter { $0.expired && $0.onHand > 0 }
        let names = batches.map(batchName)
        return FormScreen(title: "Write off expired", intro: "\(card.item.code) \(card.item.title): all that is left of the batch leaves stock.", fields: [
            .choice("Batch", names),
            FormField("Reason", maxLength: 200, hint: "", text: "expired"),
        ]) { values, context in
            guard let actor = context.session?.actor, let index = names.firstIndex(of: values["batch"]) else { return .pop }
            let units = try context.store.pharmacy.writeOffExpired(batchID: batches[index].batch.batchID, reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "\(units) \(card.item.unit)(s) of batch \(batches[index].batch.batchNo) written off.")
        }
    }
}
