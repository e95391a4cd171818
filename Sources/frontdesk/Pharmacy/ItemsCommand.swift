// `frontdesk items`: the pharmacy's items — list and find, add, change — with stock on hand.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct ItemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items", abstract: "Pharmacy items: find them with their stock, add and change them.",
        subcommands: [List.self, Add.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Items whose code, name or brand starts with TEXT (all without it), with stock on hand.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The start of a code, generic name or brand.") var text: String = ""
        @Flag(help: "Items no longer stocked too.") var inactive = false
        func run() throws {
            try store.reading { opened in
                let found = try opened.pharmacy.findItems(text, limit: 10_000, includingInactive: inactive)
                if found.isEmpty { print(text.isEmpty ? "No items yet. Add them with `frontdesk items add` or `frontdesk import items`." : "No item matches \(text)."); return }
                for stock in found {
                    let item = stock.item
                    let expired = stock.onHand - stock.usable
                    print("\(item.code.padding(toLength: 12, withPad: " ", startingAt: 0)) \(item.title)"
                          + (item.brand.map { " (\($0))" } ?? "") + ": \(stock.usable) \(item.unit)(s)"
                          + (expired > 0 ? " + \(expired) expired" : "") + (item.active ? "" : " [not stocked]"))
                }
            }
        }
    }

    /// The fields of an item, as options.
    struct ItemFields: ParsableArguments {
        @Option(name: .customLong("generic"), help: "Generic name (Amoxicillin).") var genericName: String?
        @Option(help: "Brand name.") var brand: String?
        @Option(help: "Form: tablet, capsule, syrup, injection…") var form: String?
        @Option(help: "Strength: 500 mg, 125 mg/5 ml…") var strength: String?
        @Option(help: "Route: oral, IV, IM, topical…") var route: String?
        @Option(help: "Dispensing unit: tablet, capsule, ml, vial…") var unit: String?
        @Option(name: .customLong("pack-size"), help: "Units in a pack.") var packSize: Int?
        @Option(name: .customLong("reorder-level"), help: "Alert when stock not expired falls to this.") var reorderLevel: Int?
        @Option(name: .customLong("fee-code"), help: "The fee code of its price per unit, when not the item's code.") var feeCode: String?
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an item: its code is also the fee code of its price per unit.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code (AMOX500).") var code: String
        @OptionGroup var fields: ItemFields
        func run() throws {
            guard let generic = fields.genericName, let form = fields.form, let unit = fields.unit else {
                throw InputError(message: "an item needs --generic, --form and --unit")
            }
            try store.signedIn(as: acting) { session in
                let item = try session.store.pharmacy.addItem(ItemInput(
                    code: code, genericName: generic, brand: fields.brand, form: form, strength: fields.strength, route: fields.route,
                    unit: unit, packSize: fields.packSize ?? 1, reorderLevel: fields.reorderLevel ?? 0, feeCode: fields.feeCode),
                    by: try session.actor())
                print("Item \(item.code) added: \(item.title).")
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an item's details (what is not given stays), or stop stocking it.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code.") var code: String
        @OptionGroup var fields: ItemFields
        @Option(help: "yes: stocked; no: no longer stocked (its history stays).") var active: String?
        func run() throws {
            try store.signedIn(as: acting) { session in
                let pharmacy = session.store.pharmacy
                guard let item = try pharmacy.item(code: code) else { throw InputError(message: "there is no item \(code.uppercased())") }
                var isActive = item.active
                if let active {
                    guard ["yes", "no"].contains(active.lowercased()) else { throw InputError(message: "--active is yes or no") }
                    isActive = active.lowercased() == "yes"
                }
                let changed = try pharmacy.updateItem(item.itemID, ItemInput(
                    code: item.code, genericName: fields.genericName ?? item.genericName, brand: fields.brand ?? item.brand,
                    form: fields.form ?? item.form, strength: fields.strength ?? item.strength, route: fields.route ?? item.route,
                    unit: fields.unit ?? item.unit, packSize: fields.packSize ?? item.packSize,
                    reorderLevel: fields.reorderLevel ?? item.reorderLevel, feeCode: fields.feeCode ?? item.feeCode, active: isActive),
                    by: try session.actor())
                print("Item \(changed.code) changed: \(changed.title)\(changed.active ? "" : " (no longer stocked)").")
            }
        }
    }
}
