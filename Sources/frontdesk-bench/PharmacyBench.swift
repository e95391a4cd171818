// `frontdesk-bench pharmacy`: dispense commit latency beside a bare commit, stock on hand of one item and of all,
// and item lookup, on a pharmacy of 2,000 items with a million stock movements behind it.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore
import GRDB

struct PharmacyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharmacy",
        abstract: "Dispense commit latency (beside a bare commit), stock on hand of one item and of all items, and item lookup.")

    @Option(help: "Folder for the benchmark store (same disk as the real store, ideally).") var dir: String = NSTemporaryDirectory()
    @Option(help: "Items stocked.") var items: Int = 2000
    @Option(help: "Stock movements behind the pharmacy (written straight into the tables, not timed).") var movements: Int = 1_000_000
    @Option(help: "Dispenses to time through the real write path.") var dispenses: Int = 300
    @Option(help: "Times each read is timed.") var reads: Int = 500
    @Option(help: "Seed of the history.") var seed: UInt64 = 2026

    func validate() throws {
        guard items >= 10, movements >= items, dispenses >= 1, reads >= 1 else {
            throw ArgumentParser.ValidationError("--items (at least 10), --movements (at least one an item), --dispenses and --reads must be positive")
        }
    }

    static let generics = [
        "Amoxicillin", "Paracetamol", "Ibuprofen", "Metformin", "Amlodipine", "Enalapril", "Atorvastatin", "Omeprazole", "Ciprofloxacin",
        "Metronidazole", "Doxycycline", "Cotrimoxazole", "Artemether", "Zinc", "Salbutamol", "Prednisolone", "Cetirizine", "Ferrous",
        "Fluconazole", "Diclofenac", "Ceftriaxone", "Gentamicin", "Insulin", "Losartan", "Furosemide", "Hydrochlorothiazide", "Nifedipine",
        "Carvedilol", "Warfarin", "Aspirin", "Clopidogrel", "Simvastatin", "Glibenclamide", "Gliclazide", "Levothyroxine", "Ranitidine",
        "Loperamide", "Albendazole", "Mebendazole", "Praziquantel", "Ivermectin", "Acyclovir", "Azithromycin", "Erythromycin", "Clindamycin",
        "Cefuroxime", "Cefalexin", "Nitrofurantoin", "Tramadol", "Morphine", "Codeine", "Diazepam", "Phenobarbital", "Carbamazepine",
        "Phenytoin", "Valproate", "Haloperidol", "Chlorpromazine", "Amitriptyline", "Fluoxetine", "Sertraline", "Risperidone",
        "Promethazine", "Chlorphenamine", "Loratadine", "Dexamethasone", "Hydrocortisone", "Oxytocin", "Misoprostol", "Magnesium",
    ]
    static let forms = ["tablet", "capsule", "syrup", "injection", "suspension", "cream", "drops"]
    static let strengths = ["5 mg", "10 mg", "20 mg", "25 mg", "50 mg", "100 mg", "250 mg", "500 mg", "1 g", "125 mg/5 ml"]

    func run() throws {
        let bench = try BenchFacility(dir: dir, name: "pharmacy", staff: [("clerk", .receptionist), ("pharm", .pharmacist)])
        defer { bench.remove() }
        let store = bench.store, admin = bench.admin, folder = bench.folder
        let clerk = bench.actor("clerk")
        let pharm = bench.actor("pharm")
        try store.pharmacy.setInCharge(username: "pharm", by: admin)
        var random = SeededRandom(seed: seed)
        var itemIDs: [String] = [], codes: [String] = []
        let setUp = try timed {
            for n in 0..<items {
                let generic = Self.generics[n % Self.generics.count]
                let strength = Self.strengths[(n / Self.generics.count) % Self.strengths.count]
                let form = Self.forms[(n / (Self.generics.count * Self.strengths.count)) % Self.forms.count]
                let code = String(generic.uppercased().prefix(4)) + String(format: "%04d", n)
                let item = try store.pharmacy.addItem(ItemInput(code: code, genericName: generic, form: form, strength: strength, unit: form,
                                                                packSize: 100, reorderLevel: 50), by: pharm)
                itemIDs.append(item.itemID)
                codes.append(code)
            }
            for code in codes.prefix(200) {
                try store.setFee(code: code, name: code, amountMinor: 500, from: CalendarDay("2020-01-01")!, by: admin)
            }
        }
        let history = try timed { try Self.fillHistory(path: store.path, itemIDs: itemIDs, movements: movements, random: &random) }
        let counts = try DatabaseQueue(path: store.path).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM stock_movements")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM pharmacy_batches")!)
        }
        var generator = DemoPatientGenerator(seed: seed)
        let patient = try store.registerPatient(generator.next(), by: clerk).patientID

        // Dispenses through the real write path, each beside a bare commit (one settings row, one ledger entry).
        var dispensing: [Double] = [], bare: [Double] = []
        for index in 0..<dispenses {
            let code = codes[Int(random.next() % UInt64(min(200, codes.count)))]
            let rx = try store.pharmacy.writePrescription(PrescriptionInput(patientID: patient, prescriber: "Dr Bench", lines: [
                PrescriptionLineInput(itemCode: code, dose: "1", frequency: "TDS", durationDays: 5),
            ]), by: pharm)
            let line = try store.pharmacy.prescription(rx.rxID).lines[0].line
            bare.append(try timed { try store.setIdleLockMinutes(10 + index % 2, by: admin) })
            dispensing.append(try timed {
                _ = try store.pharmacy.dispense(rx.rxID, lines: [DispenseLineRequest(lineID: line.lineID, quantity: line.quantity)], by: pharm)
            })
        }
        var one: [Double] = [], lookups: [Double] = [], card: [Double] = []
        var found = 0
        for _ in 0..<reads {
            let itemID = itemIDs[Int(random.next() % UInt64(itemIDs.count))]
            one.append(try timed { _ = try store.pharmacy.stock(itemID: itemID) })
            let generic = Self.generics[Int(random.next() % UInt64(Self.generics.count))]
            let prefix = String(generic.prefix(3 + Int(random.next() % 3)))
            lookups.append(try timed { found = try store.pharmacy.findItems(prefix, limit: 50).count })
        }
        for _ in 0..<max(3, reads / 20) {
            card.append(try timed { _ = try store.pharmacy.stockCard(itemID: itemIDs[Int(random.next() % UInt64(itemIDs.count))], limit: 200) })
        }
        var all: [Double] = [], alerts: [Double] = []
        for _ in 0..<max(3, reads / 50) {
            all.append(try timed { _ = try store.pharmacy.stockOnHand() })
            alerts.append(try timed { _ = try store.pharmacy.alerts() })
        }
        let dispenseSummary = LatencySummary(dispensing), bareSummary = LatencySummary(bare)
        print("pharmacy benchmark  (WAL, synchronous=FULL, \(folder))")
        print(String(format: "  %d items (set up in %.1f s); %d stock movements in %d batches written directly in %.1f s", items, setUp, counts.0,
                     counts.1, history))
        print("  dispense one line (charge, dispense and movement; FEFO over the item's batches): \(dispenseSummary.text)")
        print("  bare commit (one settings row through the same write path)                   : \(bareSummary.text)")
        print(String(format: "  dispense / bare commit: median %.2f×  p99 %.2f×  (target ≤ 2×)", dispenseSummary.median / bareSummary.median,
                     dispenseSummary.p99 / bareSummary.p99))
        print("  stock on hand of one item  : \(LatencySummary(one).text)  (target p99 < 5 ms)")
        print("  stock on hand of all items : \(LatencySummary(all).text)")
        print("  stock alerts (all batches) : \(LatencySummary(alerts).text)")
        print("  item lookup by name prefix : \(LatencySummary(lookups).text)  (last found \(found))")
        print("  stock card, last 200 lines : \(LatencySummary(card).text)")
    }

    /// A UUIDv7 as `Identifier.make()` would have made it at `date`: the history's ids sort by when they were made,
    /// as a real store's do, so the batches in use now sit at the end of the indexes and not among old ones.
    static func identifier(at date: Date) -> String {
        let fresh = Identifier.make()
        let millis = String(UInt64(date.timeIntervalSince1970 * 1000), radix: 16)
        let padded = String(repeating: "0", count: max(0, 12 - millis.count)) + millis
        return padded.prefix(8) + "-" + padded.suffix(4) + fresh.dropFirst(13)
    }

    /// Each item's batches (a new one every 100 movements or so), received in large lots and then issued in small
    /// quantities so no batch goes below zero: written straight into the tables, not through the ledger (a million
    /// movements through the write path would take most of an hour, and the reads measured read only these tables).
    /// The below-zero trigger is dropped while they are written and made again from its own SQL after.
    static func fillHistory(path: String, itemIDs: [String], movements: Int, random: inout SeededRandom) throws {
        let queue = try DatabaseQueue(path: path)
        let now = Date()
        try queue.write { db in
            let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'stock_movements_not_below_zero'")!
            try db.execute(sql: "DROP TRIGGER stock_movements_not_below_zero")
            let batch = try db.makeStatement(sql: """
                INSERT INTO pharmacy_batches (batch_id, item_id, batch_no, expiry, supplier, created_at, updated_at) VALUES (?, ?, ?, ?, 'Bench', ?, ?)
                """)
            let movement = try db.makeStatement(sql: """
                INSERT INTO stock_movements (movement_id, item_id, batch_id, type, quantity, cost_minor, reason, counterparty, grn_id,
                  occurred_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let grnID = Identifier.make()
            let stamp = Timestamp.string(now)
            try db.execute(sql: "INSERT INTO goods_receipts (grn_id, number, supplier, received_at, created_at, updated_at) VALUES (?, 1000000, 'Bench', ?, ?, ?)",
                           arguments: [grnID, stamp, stamp, stamp])
            let perItem = movements / itemIDs.count
            let span = 3.0 * 365 * 86_400
            for (index, itemID) in itemIDs.enumerated() {
                let count = perItem + (index < movements % itemIDs.count ? 1 : 0)
                var left = 0, batchID = "", made = 0
                for k in 0..<count {
                    let when = now.addingTimeInterval(-span + span * Double(k) / Double(count))
                    let at = Timestamp.string(when)
                    if k % 100 == 0 || left < 10 {
                        batchID = Self.identifier(at: when)
                        made += 1
                        // Batches of the last year of the history are still in date; older ones have expired.
                        let expiry = LocalMoment(now.addingTimeInterval(-span + span * Double(k) / Double(count) + 400 * 86_400),
                                                 in: TimeZone(identifier: "Africa/Nairobi")!).day.description
                        try batch.execute(arguments: [batchID, itemID, "B\(made)", expiry, at, at])
                        left = 2000 + Int(random.next() % 2000)
                        try movement.execute(arguments: [Self.identifier(at: when), itemID, batchID, "GRN", left, left * 5, nil, "Bench", grnID, at, at, at])
                        continue
                    }
                    let take = 1 + Int(random.next() % 20)
                    left -= take
                    try movement.execute(arguments: [Self.identifier(at: when), itemID, batchID, "ISSUE", -take, nil, "Ward stock", "Ward A", nil, at, at, at])
                }
                // A month-old delivery in date, so every item can be dispensed whatever the history left.
                let month = now.addingTimeInterval(-30 * 86_400 + Double(index))
                let fresh = Self.identifier(at: month), at = Timestamp.string(month)
                let expiry = LocalMoment(now.addingTimeInterval(700 * 86_400), in: TimeZone(identifier: "Africa/Nairobi")!).day.description
                try batch.execute(arguments: [fresh, itemID, "FRESH", expiry, at, at])
                try movement.execute(arguments: [Self.identifier(at: month), itemID, fresh, "GRN", 5000, 25_000, nil, "Bench", grnID, at, at, at])
            }
            try db.execute(sql: trigger)
        }
    }
}
