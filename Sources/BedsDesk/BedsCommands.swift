// The beds desk's commands and keymaps (the board, a bed, the waiting list, the census).
import FrontDeskCore
import FrontDeskShell
import TerminalKit

extension Commands {
    public static let moveLeft = Command("move-left", "Left", help: "Select the item to the left.", group: "Navigation")
    public static let moveRight = Command("move-right", "Right", help: "Select the item to the right.", group: "Navigation")
    public static let nextWard = Command("next-ward", "Next ward", help: "Show the next ward's board, then all wards again.", group: "Beds")
    public static let previousWard = Command("previous-ward", "Previous ward", help: "Show the previous ward's board.", group: "Beds")
    public static let filterType = Command("filter-type", "Type", help: "Show only beds of the next bed type (general, private, ICU…), then all again.", group: "Beds")
    public static let filterTag = Command("filter-tag", "Tag", help: "Show only beds with the next tag (oxygen, monitor, isolation…), then all again.", group: "Beds")
    public static let admit = Command("admit", "Admit", help: "Admit a patient: the reason, doctor, diagnosis, expected stay and a free bed (or the waiting list); from the board, find the patient first.", group: "Beds", permission: .allocateBeds)
    public static let admitHere = Command("admit-here", "Admit here", help: "Admit a patient into the selected free bed (or the one reserved for them).", group: "Beds", permission: .allocateBeds)
    public static let waitingList = Command("waiting-list", "Waiting", help: "Patients admitted and waiting for a bed; Enter gives the selected one a bed.", group: "Beds", permission: .allocateBeds)
    public static let census = Command("census", "Census", help: "The midnight census per ward: in bed, admissions, discharges, deaths, transfers, occupancy, length of stay, turnover.", group: "Beds")
    public static let transfer = Command("transfer", "Transfer", help: "Move the patient to another free bed (any ward), with a reason; this bed then needs cleaning.", group: "Beds", permission: .allocateBeds)
    public static let swapBeds = Command("swap-beds", "Swap", help: "Swap this patient's bed with another admitted patient's, in one step.", group: "Beds", permission: .allocateBeds)
    public static let discharge = Command("discharge", "Discharge", help: "Discharge the patient: disposition and note; the last bed-days are charged; money owed after the deposit needs a supervisor (or the cashier's clearance).", group: "Beds", permission: .allocateBeds)
    public static let markClean = Command("mark-clean", "Clean", help: "Housekeeping: the bed is clean and free again.", group: "Beds", permission: .allocateBeds)
    public static let reserveBed = Command("reserve-bed", "Reserve", help: "Reserve this free bed for a patient expected to come, for some hours; it reads as free again after.", group: "Beds", permission: .allocateBeds)
    public static let cancelReservation = Command("cancel-reservation", "Unreserve", help: "End this bed's reservation: it is free again.", group: "Beds", permission: .allocateBeds)
    public static let blockBed = Command("block-bed", "Block", help: "Take this bed out of use with a reason (broken, infection control).", group: "Beds", permission: .allocateBeds)
    public static let unblockBed = Command("unblock-bed", "Unblock", help: "Put this blocked bed back in use: it is free.", group: "Beds", permission: .allocateBeds)
    public static let openPatient = Command("open-patient", "Patient", help: "Open the patient's summary.", group: "Beds")
    public static let clearForDischarge = Command("clear-for-discharge", "Clear for discharge", help: "The cashier clears an admitted patient's account for discharge (an insurer's guarantee, a company account, a payment plan): the nurse's discharge then needs no supervisor. A reason is asked.", group: "Beds", permission: .takePayment)
    public static let wardSetup = Command("ward-setup", "Wards and beds", help: "Set up wards and beds (administrators): add a ward, add beds by label range, retire a bed, add a bed type.", group: "Administration", permission: .manageFacility)
    public static let addWard = Command("add-ward", "Add ward", help: "Add a ward to a ward department.", group: "Administration", permission: .manageFacility)
    public static let addBeds = Command("add-beds", "Add beds", help: "Add beds to a ward by label range (A1-A20), of one type, with tags.", group: "Administration", permission: .manageFacility)
    public static let retireBed = Command("retire-bed", "Retire bed", help: "Take a bed out of service for good; its history stays. Not while a patient is in it.", group: "Administration", permission: .manageFacility)
    public static let addBedType = Command("add-bed-type", "Add bed type", help: "Add a bed type to the code list, with the fee code of its daily rate.", group: "Administration", permission: .manageFacility)
    public static let giveBed = Command("give-bed", "Give bed", help: "Give the selected waiting patient a free bed.", group: "Beds", permission: .allocateBeds)
}

extension Keymaps {
    public static let bedBoard = Keymap("Bed board", [
        Binding(.enter, Commands.open),
        Binding(.character("a"), Commands.admit),
        Binding(.character("w"), Commands.waitingList),
        Binding(.character("l"), Commands.markClean),
        Binding(.tab, Commands.nextWard),
        Binding(.character("t"), Commands.filterType),
        Binding(.character("g"), Commands.filterTag),
        Binding(.character("c"), Commands.census),
        Binding(.backTab, Commands.previousWard, inFooter: false),
        Binding(.character("i"), Commands.admitHere, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
        Binding(.left, Commands.moveLeft, inFooter: false),
        Binding(.right, Commands.moveRight, inFooter: false),
    ])

    public static let bed = Keymap("Bed", [
        Binding(.character("i"), Commands.admitHere),
        Binding(.character("t"), Commands.transfer),
        Binding(.character("s"), Commands.swapBeds),
        Binding(.character("d"), Commands.discharge),
        Binding(.character("l"), Commands.markClean),
        Binding(.character("r"), Commands.reserveBed),
        Binding(.character("x"), Commands.cancelReservation),
        Binding(.character("b"), Commands.blockBed),
        Binding(.character("u"), Commands.unblockBed),
        Binding(.character("p"), Commands.openPatient),
    ])

    public static let waitingList = Keymap("Waiting for a bed", [
        Binding(.enter, Commands.giveBed),
        Binding(.character("p"), Commands.openPatient),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let wardSetup = Keymap("Wards and beds", [
        Binding(.character("n"), Commands.addWard),
        Binding(.character("b"), Commands.addBeds),
        Binding(.character("r"), Commands.retireBed),
        Binding(.character("y"), Commands.addBedType),
        Binding(.down, Commands.scrollDown, inFooter: false),
        Binding(.up, Commands.scrollUp, inFooter: false),
    ])

    public static let census = Keymap("Census", [
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
    ])
}
