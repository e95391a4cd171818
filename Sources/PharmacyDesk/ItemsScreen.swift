// Items as you type: code, generic name or brand, with stock on hand; Enter opens the stock card, Ctrl-N adds an item.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class ItemsScreen: Screen {
    package let title = "Items and stock"
    package let keymap = Keymaps.items
    private var query = TextField("Find", maxLength: 40)
    private var list = ListState<ItemStock> { $0.item.itemID }
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) { reload(context: context) }

    package func reload(context: ShellContext) {
        do { list.refresh(try context.store.pharmacy.findItems(query.text, limit: 200)) } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command == Commands.open ? list.selectedRow != nil : true
    }

    static let table = Table([Table.text(11), Table.text(38), Table.number(9), Table.number(9), Table.text(9)])

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound + 1
        let cursor = query.draw(into: &buffer, row: row, column: 2, labelWidth: 6, fieldWidth: 32)
        buffer.put("code, generic name or brand", row: row, column: 42, style: .muted, maxWidth: width - 40)
        buffer.cursor = (row, cursor)
        row += 2
        buffer.put(Self.table.line(["Code", "Item", "In stock", "Expired", "Unit"]), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if list.rows.isEmpty {
            buffer.put(query.text.isEmpty ? "No items yet. Ctrl-N adds one (or frontdesk import items)." : "No item matches.", row: row, column: 4,
                       style: .muted, maxWidth: width - 2)
        }
        ListRows.draw(list.rows, selected: list.selected, top: row, room: area.upperBound - row - 2, width: width, into: &buffer) { stock in
            let item = stock.item
            let expired = stock.onHand - stock.usable
            let low = item.reorderLevel > 0 && stock.usable <= item.reorderLevel
            let name = item.title + (item.brand.map { " (\($0))" } ?? "") + (item.active ? "" : " [not stocked]")
            return (Self.table.line([item.code, name, "\(stock.usable)", expired == 0 ? "" : "\(expired)", item.unit]), low ? .warning : .normal)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        if list.move(by: command) { return .redraw }
        switch command?.id {
        case Commands.open.id:
            guard let stock = list.selectedRow else { return .none }
            return .push(StockCardScreen(itemID: stock.item.itemID, context: context))
        case Commands.newItem.id:
            return .push(ItemForm.make(item: nil, context: context))
        default:
            guard query.edit(key) else { return .none }
            message = nil
            list.selected = 0
            reload(context: context)
            return .redraw
        }
    }
}

/// Adding or changing an item.
enum ItemForm {
    static func make(item: PharmacyItem?, context: ShellContext) -> any Screen {
        var fields = [
            FormField("Code", maxLength: 32, hint: "letters and digits; also the fee code of its price", text: item?.code ?? ""),
            FormField("Generic name", maxLength: 100, hint: "Amoxicillin", errorKeys: ["generic name"], text: item?.genericName ?? ""),
            FormField("Brand", maxLength: 100, hint: "optional", text: item?.brand ?? ""),
            FormField("Form", maxLength: 40, hint: "tablet, capsule, syrup, injection…", text: item?.form ?? ""),
            FormField("Strength", maxLength: 40, hint: "500 mg, 125 mg/5 ml (optional)", text: item?.strength ?? ""),
            FormField("Route", maxLength: 40, hint: "oral, IV/IM… (optional)", text: item?.route ?? ""),
            FormField("Unit", maxLength: 20, hint: "what is counted and dispensed: tablet, ml, vial", text: item?.unit ?? ""),
            FormField("Pack size", maxLength: 6, hint: "units in a pack", errorKeys: ["pack size"], text: item.map { "\($0.packSize)" } ?? "1"),
            FormField("Reorder level", maxLength: 8, hint: "alert at or below this", errorKeys: ["reorder level"],
                      text: item.map { "\($0.reorderLevel)" } ?? "0"),
            FormField("Fee code", maxLength: 32, hint: "only when its price has another code", errorKeys: ["fee code"], text: item?.feeCode ?? ""),
        ]
        if let item { fields.append(.choice("Stocked", ["yes", "no"], selected: item.active ? "yes" : "no")) }
        return FormScreen(title: item == nil ? "New item" : "Edit \(item!.code)",
                          intro: item == nil ? "Ctrl-S adds the item. Its price per unit is the fee schedule's rate of its code (F11)."
                              : "The code never changes. Ctrl-S saves.", fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            func number(_ name: String) throws -> Int {
                guard let n = Int(values[name].trimmingCharacters(in: .whitespaces)) else { throw ValidationError(name, "is not a whole number") }
                return n
            }
            let input = ItemInput(
                code: values["code"], genericName: values["generic name"], brand: values["brand"], form: values["form"],
                strength: values["strength"], route: values["route"], unit: values["unit"], packSize: try number("pack size"),
                reorderLevel: try number("reorder level"), feeCode: values["fee code"], active: item == nil || values["stocked"] == "yes")
            if let item {
                let changed = try context.store.pharmacy.updateItem(item.itemID, input, by: actor)
                return .done(popping: 1, notice: "\(changed.code) saved.")
            }
            let added = try context.store.pharmacy.addItem(input, by: actor)
            return .done(popping: 1, notice: "\(added.code) added: \(added.title).")
        }
    }
}
