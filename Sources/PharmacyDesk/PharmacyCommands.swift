// The pharmacy desk's commands and keymaps (the counter, a prescription, items, a stock card, receiving, counting).
import FrontDeskCore
import FrontDeskShell
import TerminalKit

extension Commands {
    public static let dispenseRx = Command("dispense-rx", "Dispense", help: "Open the selected prescription to dispense it: batches first expiry first, charges for the cashier, labels.", group: "Pharmacy", permission: .dispense)
    public static let newPrescription = Command("new-prescription", "New Rx", help: "Enter a prescription from paper: find the patient, then prescriber and lines (item, dose, frequency, days, quantity).", group: "Pharmacy", permission: .prescribe)
    public static let prescribe = Command("prescribe", "Prescribe", help: "Enter a prescription for this patient: prescriber, then lines (item, dose, frequency, days, quantity).", group: "Pharmacy", permission: .prescribe)
    public static let itemsAndStock = Command("items-stock", "Items", help: "Find an item by code, name or brand, with its stock; Enter opens its stock card.", group: "Pharmacy", permission: .dispense)
    public static let receiveGoods = Command("receive-goods", "Receive", help: "Receive a delivery (GRN): supplier and invoice, then its lines of item, batch, expiry, quantity and cost.", group: "Pharmacy", permission: .manageStock)
    public static let stockAlerts = Command("stock-alerts", "Alerts", help: "Items at or below their reorder level, batches expiring soon, expired stock on the shelf.", group: "Pharmacy", permission: .dispense)
    public static let stockCount = Command("stock-count", "Count", help: "A stock count: the sheet of every batch (print it), the counted quantities, the differences posted as adjustments.", group: "Pharmacy", permission: .manageStock)
    public static let pharmacyReports = Command("pharmacy-reports", "Reports", help: "Dispensing by item and the stock movements of a day (←/→), stock on hand and its value, expiries.", group: "Pharmacy", permission: .dispense)
    public static let dispenseNow = Command("dispense-now", "Dispense", help: "Dispense every line shown with a quantity, from the batches shown; charges go to the cashier and the labels print.", group: "Pharmacy", permission: .dispense)
    public static let changeQuantity = Command("change-quantity", "Quantity", help: "Give less of the selected line now (the rest stays owed), or none.", group: "Pharmacy", permission: .dispense)
    public static let chooseBatch = Command("choose-batch", "Batch", help: "Take the selected line from another batch than the first to expire, with a reason.", group: "Pharmacy", permission: .dispense)
    public static let cancelRest = Command("cancel-rest", "Cancel rest", help: "Cancel what the selected line still owes, with a reason.", group: "Pharmacy", permission: .dispense)
    public static let takeBack = Command("take-back", "Take back", help: "The patient brings medicine back: it goes back into its batch and the charge is reversed.", group: "Pharmacy", permission: .dispense)
    public static let reprintLabels = Command("reprint-labels", "Labels", help: "Print the labels of what was just dispensed again.", group: "Pharmacy", permission: .dispense)
    public static let newItem = Command("new-item", "New item", help: "Add an item: code (also its fee code), names, form, strength, unit, pack size, reorder level.", group: "Pharmacy", permission: .manageStock)
    public static let editItem = Command("edit-item", "Edit item", help: "Change the item's details or reorder level, or stop stocking it.", group: "Pharmacy", permission: .manageStock)
    public static let adjustStock = Command("adjust-stock", "Adjust", help: "Correct a batch's stock (damage, found, counted), with a reason; the pharmacist in charge approves.", group: "Pharmacy", permission: .manageStock)
    public static let issueStock = Command("issue-stock", "Issue", help: "Issue stock to a ward or department, first expiry first.", group: "Pharmacy", permission: .manageStock)
    public static let returnToSupplier = Command("return-to-supplier", "To supplier", help: "Send some of a batch back to its supplier, with a reason.", group: "Pharmacy", permission: .manageStock)
    public static let writeOff = Command("write-off", "Write off", help: "Write off all that is left of an expired batch.", group: "Pharmacy", permission: .manageStock)
    public static let printSheet = Command("print-sheet", "Print sheet", help: "Print the count sheet (the facility's print command).", group: "Pharmacy", permission: .manageStock)
    public static let postCount = Command("post-count", "Post count", help: "Post the differences between what was counted and the sheet as adjustments, with one reason.", group: "Pharmacy", permission: .manageStock)
    public static let nextReport = Command("next-report", "Next report", help: "Show the next report: dispensing by item, the day's stock movements, stock and value, expiries.", group: "Pharmacy")
}

extension Keymaps {
    public static let pharmacy = Keymap("Pharmacy", [
        Binding(.enter, Commands.dispenseRx),
        Binding(.character("n"), Commands.newPrescription),
        Binding(.character("i"), Commands.itemsAndStock),
        Binding(.character("r"), Commands.receiveGoods),
        Binding(.character("a"), Commands.stockAlerts),
        Binding(.character("c"), Commands.stockCount),
        Binding(.character("t"), Commands.pharmacyReports),
        Binding(.character("p"), Commands.openPatientFromRx, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let dispense = Keymap("Dispense", [
        Binding(.ctrl("s"), Commands.dispenseNow),
        Binding(.character("q"), Commands.changeQuantity),
        Binding(.character("b"), Commands.chooseBatch),
        Binding(.character("x"), Commands.cancelRest),
        Binding(.character("u"), Commands.takeBack),
        Binding(.character("l"), Commands.reprintLabels),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let items = Keymap("Items", [
        Binding(.enter, Commands.open),
        Binding(.ctrl("n"), Commands.newItem),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let stockCard = Keymap("Stock card", [
        Binding(.character("j"), Commands.adjustStock),
        Binding(.character("s"), Commands.issueStock),
        Binding(.character("v"), Commands.returnToSupplier),
        Binding(.character("x"), Commands.writeOff),
        Binding(.character("e"), Commands.editItem),
        Binding(.down, Commands.scrollDown, inFooter: false),
        Binding(.up, Commands.scrollUp, inFooter: false),
    ])

    public static let stockAlerts = Keymap("Stock alerts", [
        Binding(.enter, Commands.open),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let stockCount = Keymap("Stock count", [
        Binding(.character("p"), Commands.printSheet),
        Binding(.ctrl("s"), Commands.postCount),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
        Binding(.enter, Commands.moveDown, inFooter: false),
    ])

    public static let pharmacyReports = Keymap("Pharmacy reports", [
        Binding(.tab, Commands.nextReport),
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
        Binding(.down, Commands.scrollDown, inFooter: false),
        Binding(.up, Commands.scrollUp, inFooter: false),
    ])
}

extension Commands {
    public static let openPatientFromRx = Command("open-rx-patient", "Patient", help: "Open the selected prescription's patient.", group: "Pharmacy")
}
