// The cashier desk's commands and keymaps (desk, account, invoice, receipt, Z-report, collections).
import FrontDeskCore
import FrontDeskShell
import TerminalKit

extension Commands {
    public static let openShift = Command("open-shift", "Open shift", help: "Open your cashier shift with the float counted into the drawer.", group: "Cashier", permission: .takePayment)
    public static let acceptHandover = Command("accept-handover", "Take over", help: "Open your shift on the cash the last cashier left: count it and confirm.", group: "Cashier", permission: .takePayment)
    public static let closeShift = Command("close-shift", "Close shift", help: "Count the drawer by denomination and close your shift; the Z-report shows over or short.", group: "Cashier", permission: .takePayment, destructive: true, confirmedBy: .form)
    public static let findAccount = Command("find-account", "Patient", help: "Find a patient and open their account: charges, invoices, deposits, receipts.", group: "Cashier", permission: .takePayment)
    public static let collectionsReport = Command("collections", "Collections", help: "Today's collections by method and by cashier, and every shift.", group: "Cashier", permission: .takePayment)
    public static let makeVisitInvoice = Command("make-visit-invoice", "Invoice this stay", help: "Gather the open charges of the selected charge's visit or admission only (an admission's bed-days and services) into a draft invoice of that encounter: the admission invoice.", group: "Cashier", permission: .takePayment)
    public static let makeInvoice = Command("make-invoice", "Invoice", help: "Gather every open charge of the patient into one draft invoice (their draft, when they have one).", group: "Cashier", permission: .takePayment)
    public static let addService = Command("add-service", "Add service", help: "Add a service at the counter by its fee code, or the start of its code or name; it goes on the patient's draft invoice when there is one.", group: "Cashier", permission: .takePayment)
    public static let deposit = Command("deposit", "Deposit", help: "Take money on account, to be applied to later invoices.", group: "Cashier", permission: .takePayment)
    public static let issueInvoice = Command("issue-invoice", "Issue", help: "Issue the draft: it takes the next invoice number and can be paid.", group: "Cashier", permission: .takePayment)
    public static let pay = Command("pay", "Pay", help: "Take a payment on this invoice: cash (with change), card, mobile money, bank transfer, insurance, or several.", group: "Cashier", permission: .takePayment)
    public static let discount = Command("discount", "Discount", help: "Give a discount: a supervisor's password and a reason.", group: "Cashier", permission: .takePayment)
    public static let voidInvoice = Command("void-invoice", "Void", help: "Void the invoice (nothing paid on it): a supervisor's password and a reason; its charges are open again.", group: "Cashier", permission: .takePayment, destructive: true, confirmedBy: .form)
    public static let applyDeposit = Command("apply-deposit", "Use deposit", help: "Pay this invoice from the patient's deposit.", group: "Cashier", permission: .takePayment)
    public static let voidCharge = Command("void-charge", "Void charge", help: "Void the selected charge posted in error (not yet invoiced): a supervisor's password and a reason.", group: "Cashier", permission: .takePayment, destructive: true, confirmedBy: .form)
    public static let refund = Command("refund", "Refund", help: "Refund (part of) the selected receipt: a supervisor's password and a reason.", group: "Cashier", permission: .takePayment, destructive: true, confirmedBy: .form)
    public static let printReceipt = Command("print-receipt", "Print", help: "Print the selected receipt (reprints say COPY).", group: "Cashier")
    public static let saveReceipt = Command("save-receipt", "To file", help: "Write the selected receipt to a text file (exports/ beside the store).", group: "Cashier")
}

extension Keymaps {
    public static let cashierDesk = Keymap("Cashier desk", [
        Binding(.character("o"), Commands.openShift),
        Binding(.character("t"), Commands.acceptHandover),
        Binding(.character("f"), Commands.findAccount),
        Binding(.character("c"), Commands.collectionsReport),
        Binding(.character("z"), Commands.closeShift),
        Binding(.enter, Commands.open, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let account = Keymap("Patient account", [
        Binding(.character("i"), Commands.makeInvoice),
        Binding(.character("a"), Commands.addService),
        Binding(.character("d"), Commands.deposit),
        Binding(.character("v"), Commands.makeVisitInvoice, inFooter: false),
        Binding(.character("r"), Commands.refund),
        Binding(.character("p"), Commands.printReceipt),
        Binding(.character("w"), Commands.saveReceipt, inFooter: false),
        Binding(.character("x"), Commands.voidCharge, inFooter: false),
        Binding(.enter, Commands.open, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let invoice = Keymap("Invoice", [
        Binding(.character("p"), Commands.pay),
        Binding(.character("s"), Commands.issueInvoice),
        Binding(.character("a"), Commands.addService),
        Binding(.character("u"), Commands.applyDeposit),
        Binding(.character("d"), Commands.discount),
        Binding(.character("x"), Commands.voidInvoice),
    ])

    public static let receipt = Keymap("Receipt", [
        Binding(.character("p"), Commands.printReceipt),
        Binding(.character("w"), Commands.saveReceipt),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let zReport = Keymap("Z-report", [
        Binding(.character("p"), Commands.printReceipt),
        Binding(.character("w"), Commands.saveReceipt),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let collections = Keymap("Collections", [
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
    ])
}
