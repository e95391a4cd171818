// The demo pharmacy: thirty essential medicines with prices, deliveries over the past months, dispensing history, alerts, and prescriptions waiting.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// Items, stock and prescriptions of the demo, made with the clock set back so the stock cards have history:
/// one item below its reorder level, batches expiring within the alert window, one expired batch still on
/// the shelf, and a few prescriptions of today waiting at the counter (one for a patient with an allergy).
enum DemoPharmacy {
    /// code, generic, brand, form, strength, unit, pack, reorder level, price per unit (minor units).
    static let items: [(String, String, String?, String, String?, String, Int, Int, Int64)] = [
        ("AMOX500", "Amoxicillin", "Amoxil", "capsule", "500 mg", "capsule", 100, 300, 1_000),
        ("AMOXS125", "Amoxicillin", nil, "suspension", "125 mg/5 ml", "bottle", 1, 20, 15_000),
        ("PARA500", "Paracetamol", "Panadol", "tablet", "500 mg", "tablet", 1000, 1000, 200),
        ("PARAS120", "Paracetamol", "Calpol", "syrup", "120 mg/5 ml", "bottle", 1, 20, 12_000),
        ("IBU400", "Ibuprofen", "Brufen", "tablet", "400 mg", "tablet", 100, 200, 500),
        ("MET500", "Metformin", "Glucophage", "tablet", "500 mg", "tablet", 100, 300, 300),
        ("AMLO5", "Amlodipine", "Norvasc", "tablet", "5 mg", "tablet", 30, 200, 500),
        ("ENAL10", "Enalapril", nil, "tablet", "10 mg", "tablet", 100, 200, 400),
        ("HCTZ25", "Hydrochlorothiazide", nil, "tablet", "25 mg", "tablet", 100, 100, 300),
        ("ATOR20", "Atorvastatin", "Lipitor", "tablet", "20 mg", "tablet", 30, 100, 1_500),
        ("OMEP20", "Omeprazole", "Losec", "capsule", "20 mg", "capsule", 28, 200, 800),
        ("CIPRO500", "Ciprofloxacin", "Cipro", "tablet", "500 mg", "tablet", 10, 100, 1_200),
        ("METRO400", "Metronidazole", "Flagyl", "tablet", "400 mg", "tablet", 100, 200, 300),
        ("DOXY100", "Doxycycline", nil, "capsule", "100 mg", "capsule", 100, 100, 600),
        ("COTRI960", "Co-trimoxazole", "Septrin", "tablet", "960 mg", "tablet", 100, 200, 400),
        ("AL20120", "Artemether/lumefantrine", "Coartem", "tablet", "20/120 mg", "tablet", 24, 240, 2_000),
        ("ORS", "Oral rehydration salts", nil, "sachet", nil, "sachet", 50, 100, 2_500),
        ("ZINC20", "Zinc sulfate", nil, "tablet", "20 mg", "tablet", 100, 100, 200),
        ("SALB100", "Salbutamol", "Ventolin", "inhaler", "100 mcg/dose", "inhaler", 1, 10, 45_000),
        ("PRED5", "Prednisolone", nil, "tablet", "5 mg", "tablet", 100, 100, 300),
        ("CETIR10", "Cetirizine", "Zyrtec", "tablet", "10 mg", "tablet", 30, 60, 500),
        ("FEFOL", "Ferrous sulfate/folic acid", nil, "tablet", "200/0.4 mg", "tablet", 100, 300, 150),
        ("FLUC150", "Fluconazole", "Diflucan", "capsule", "150 mg", "capsule", 1, 20, 5_000),
        ("DICLO50", "Diclofenac", "Voltaren", "tablet", "50 mg", "tablet", 100, 100, 400),
        ("CEFTR1G", "Ceftriaxone", "Rocephin", "injection", "1 g", "vial", 1, 30, 35_000),
        ("GENT80", "Gentamicin", nil, "injection", "80 mg/2 ml", "ampoule", 10, 30, 6_000),
        ("INSSOL", "Insulin soluble", "Actrapid", "injection", "100 IU/ml", "vial", 1, 10, 95_000),
        ("NS500", "Sodium chloride 0.9%", nil, "infusion", "500 ml", "bag", 20, 40, 12_000),
        ("MAGTRI", "Magnesium trisilicate", nil, "suspension", nil, "bottle", 1, 10, 18_000),
        ("VITBCO", "Vitamin B complex", nil, "tablet", nil, "tablet", 100, 100, 100),
    ]

    /// Adds the pharmacy when the store has no items yet.
    static func fill(_ store: FacilityStore, admin: DemoLogin, pharmacist: DemoLogin) throws {
        guard try store.pharmacy.items().isEmpty else { return }
        let adminActor = try store.signIn(username: admin.username, password: admin.password)
        try store.pharmacy.setInCharge(username: pharmacist.username, by: adminActor)
        let today = try store.localNow().day
        for item in items {
            try store.setFee(code: item.0, name: "\(item.1) \(item.4 ?? "")".trimmingCharacters(in: .whitespaces), amountMinor: item.8,
                             from: today.adding(days: -200), by: adminActor)
        }
        let clock = DemoClock(Date().addingTimeInterval(-100 * 86_400))
        let past = try FacilityStore.open(at: store.path, clock: clock)
        defer { try? past.close() }
        let pharm = try past.signIn(username: pharmacist.username, password: pharmacist.password)
        for item in items {
            try past.pharmacy.addItem(ItemInput(code: item.0, genericName: item.1, brand: item.2, form: item.3, strength: item.4,
                                                route: ["injection", "infusion"].contains(item.3) ? "IV/IM" : item.3 == "inhaler" ? "inhaled" : "oral",
                                                unit: item.5, packSize: item.6, reorderLevel: item.7), by: pharm)
        }
        var random = SeededRandom(seed: 16_2026)
        // 100 days ago: a first delivery, including a batch that expired 40 days ago and is still on the shelf.
        let first = today.adding(days: -100)
        try past.pharmacy.receive(GoodsReceiptInput(supplier: "KEMSA", invoiceNo: "KEM-88120", lines: items.enumerated().map { index, item in
            let expiry = index == 12 ? first.adding(days: 60) : first.adding(days: 300 + index * 7)
            let quantity = item.7 * 3
            return ReceiptLineInput(itemCode: item.0, batchNo: "K\(2400 + index)", expiry: expiry.description, quantity: quantity,
                                    costMinor: item.8 * Int64(quantity) * 6 / 10)
        }), by: pharm)
        // 30 days ago: a second delivery, with two batches expiring within the alert window.
        clock.set(Date().addingTimeInterval(-30 * 86_400))
        try past.pharmacy.receive(GoodsReceiptInput(supplier: "Medisel Ltd", invoiceNo: "MS-2031", lines: items.prefix(12).enumerated().map { index, item in
            let expiry = index < 2 ? today.adding(days: 45 + index * 20) : today.adding(days: 500 + index * 11)
            let quantity = item.7 * 2
            return ReceiptLineInput(itemCode: item.0, batchNo: "MS\(7100 + index)", expiry: expiry.description, quantity: quantity,
                                    costMinor: item.8 * Int64(quantity) * 65 / 100)
        }), by: pharm)
        // Dispensing over the past 28 days, a few prescriptions a day; Ibuprofen runs low.
        let patients = try store.patientIDs(registeredFirst: 400)
        for day in stride(from: 28, through: 1, by: -1) {
            for slot in 0..<6 {
                clock.set(Date().addingTimeInterval(-Double(day) * 86_400 + Double(slot) * 1800))
                let patient = patients[Int(random.next() % UInt64(patients.count))]
                let pick = items[Int(random.next() % 16)]
                let lines = [PrescriptionLineInput(itemCode: pick.0, dose: "1", frequency: ["BD", "TDS", "OD"][slot % 3],
                                                   durationDays: [5, 7, 3][slot % 3], acknowledgeAllergy: true)]
                guard let rx = try? past.pharmacy.writePrescription(PrescriptionInput(patientID: patient, prescriber: "Dr. Achieng Otieno",
                                                                                      lines: lines), by: pharm) else { continue }
                let detail = try past.pharmacy.prescription(rx.rxID)
                do {
                    try past.pharmacy.dispense(rx.rxID, lines: detail.lines.map {
                        DispenseLineRequest(lineID: $0.line.lineID, quantity: $0.line.quantity, acknowledgeAllergy: true)
                    }, by: pharm)
                } catch {
                    try past.pharmacy.cancelPrescription(rx.rxID, reason: "Out of stock; referred to a retail pharmacy", by: pharm)
                }
            }
        }
        clock.set(Date().addingTimeInterval(-2 * 86_400))
        if let ibuprofen = try past.pharmacy.item(code: "IBU400") {
            let usable = try past.pharmacy.stock(itemID: ibuprofen.itemID).usable
            if usable > 150 { try past.pharmacy.issue(itemID: ibuprofen.itemID, quantity: usable - 150, to: "Surgical Ward B", reason: "Ward stock", by: pharm) }
        }
        // Today: three prescriptions waiting at the counter, the first for a patient allergic to penicillin.
        let live = try store.signIn(username: pharmacist.username, password: pharmacist.password)
        let clerk = try store.signIn(username: "reception", password: "reception-demo-1")
        try? store.addAllergy(NewAllergy(substance: "Penicillin", reaction: "hives", severity: .severe), to: patients[300], by: clerk)
        let waiting: [[PrescriptionLineInput]] = [
            [PrescriptionLineInput(itemCode: "AMOX500", dose: "1", frequency: "TDS", durationDays: 7, acknowledgeAllergy: true),
             PrescriptionLineInput(itemCode: "PARA500", dose: "2", frequency: "QDS", durationDays: 3)],
            [PrescriptionLineInput(itemCode: "MET500", dose: "1", frequency: "BD", durationDays: 30),
             PrescriptionLineInput(itemCode: "AMLO5", dose: "1", frequency: "OD", durationDays: 30)],
            [PrescriptionLineInput(itemCode: "AL20120", dose: "4", frequency: "BD", durationDays: 3),
             PrescriptionLineInput(itemCode: "ORS", dose: "1", frequency: "PRN", quantity: 4)],
        ]
        for (index, lines) in waiting.enumerated() {
            try store.pharmacy.writePrescription(PrescriptionInput(patientID: patients[300 + index], prescriber: "Dr. Achieng Otieno", lines: lines),
                                                 by: live)
        }
    }
}
