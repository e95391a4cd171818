// `frontdesk-bench cashier`: payment commit latency, and the collections report over a year of synthetic receipts.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore
import GRDB

struct CashierBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cashier",
        abstract: "Payment commit latency (median, p99) and a day's collections report over a year of receipts.")

    @Option(help: "Folder for the benchmark files (same disk as the real store, ideally).") var dir: String = NSTemporaryDirectory()
    @Option(help: "Receipts per day in the synthetic year.") var perDay: Int = 300
    @Option(help: "Payments to time through the real write path.") var payments: Int = 1000
    @Option(help: "Times each report is run.") var reports: Int = 50

    func run() throws {
        let bench = try BenchFacility(dir: dir, name: "cashier", staff: [("clerk", .receptionist), ("cashier", .cashier), ("cashier2", .cashier)])
        defer { bench.remove() }
        let store = bench.store, admin = bench.admin, folder = bench.folder
        let clerk = bench.actor("clerk")
        let cashier = bench.actor("cashier")
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 100_000, from: CalendarDay("2020-01-01")!, by: admin)
        var generator = DemoPatientGenerator(seed: 11)
        var patients: [String] = []
        while patients.count < 2000 {
            patients += try store.registerPatients((0..<FacilityStore.registrationBatchLimit).map { _ in generator.next() }, by: clerk).map(\.patientID)
        }

        // A year of receipts written straight into the tables (not through the ledger): the report reads
        // only payments and their methods, and a year through the write path would take most of an hour.
        let today = try store.localNow().day
        let yearSeconds = try timed { try Self.fillYear(path: store.path, patients: patients, cashierIDs: [cashier.userID!],
                                                        perDay: perDay, until: today) }

        // Payments through the real path: an issued invoice per patient, then cash and card in one settlement.
        try store.cashier.openShift(floatMinor: 500_000, by: cashier)
        var invoices: [(String, String)] = []
        for i in 0..<payments {
            let patient = patients[i % patients.count]
            try store.cashier.addCounterCharge(patientID: patient, code: "CONSULT", by: cashier)
            let draft = try store.cashier.draftInvoice(patientID: patient, by: cashier)
            invoices.append((patient, try store.cashier.issueInvoice(draft.invoiceID, by: cashier).invoiceID))
        }
        var paying: [Double] = []
        for (patient, invoice) in invoices {
            paying.append(try timed {
                try store.cashier.takePayment(patientID: patient, invoiceID: invoice, parts: [TenderLine(.cash, 60_000), TenderLine(.card, 40_000)],
                                      tenderedMinor: 100_000, by: cashier)
            })
        }
        var day: [Double] = [], month: [Double] = [], year: [Double] = []
        var net: Int64 = 0
        for _ in 0..<reports {
            day.append(try timed { net = try store.cashier.collections(from: today, to: today).netMinor })
            month.append(try timed { _ = try store.cashier.collections(from: today.adding(days: -30), to: today) })
            year.append(try timed { _ = try store.cashier.collections(from: today.adding(days: -365), to: today) })
        }
        let rows = try DatabaseQueue(path: store.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM payments")! }
        print("cashier benchmark  (WAL, synchronous=FULL, \(folder))")
        print(String(format: "  a year of receipts written directly: %d receipts in %.1f s", rows - payments, yearSeconds))
        print("  take a payment (cash + card, change; receipt, 2 methods, allocation, invoice paid; one commit): \(LatencySummary(paying).text)")
        print("  collections report, one day   : \(LatencySummary(day).text)   (today's net \(Money.format(net, minorUnits: 2)))")
        print("  collections report, 31 days   : \(LatencySummary(month).text)")
        print("  collections report, 366 days  : \(LatencySummary(year).text)")
    }

    /// `perDay` receipts on each of the 365 days before `until`, one or two methods each, a refund now and then.
    static func fillYear(path: String, patients: [String], cashierIDs: [String], perDay: Int, until: CalendarDay) throws {
        let queue = try DatabaseQueue(path: path)
        var random = SeededRandom(seed: 2026)
        var receipt = 0
        try queue.write { db in
            let shift = Identifier.make()
            try db.execute(sql: """
                INSERT INTO cashier_shifts (shift_id, number, cashier_id, status, opened_at, float_minor, closed_at,
                  expected_cash_minor, counted_cash_minor, over_short_minor, float_left_minor, created_at, updated_at)
                VALUES (?, 100000, ?, 'closed', '2020-01-01T00:00:00.000Z', 0, '2020-01-01T00:00:00.000Z', 0, 0, 0, 0, '2020', '2020')
                """, arguments: [shift, cashierIDs[0]])
            let payment = try db.makeStatement(sql: """
                INSERT INTO payments (payment_id, receipt_number, kind, patient_id, shift_id, cashier_id, total_minor, refund_of,
                  reason, authorized_by, local_day, received_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let method = try db.makeStatement(sql: """
                INSERT INTO payment_methods (part_id, payment_id, method, amount_minor, reference, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            var last = ""
            for offset in stride(from: 365, through: 1, by: -1) {
                let day = until.adding(days: -offset).description
                let at = day + "T09:00:00.000Z"
                for _ in 0..<perDay {
                    receipt += 1
                    let id = Identifier.make()
                    let refund = !last.isEmpty && random.next() % 50 == 0
                    let total = Int64(random.next() % 400 + 1) * 500
                    try payment.execute(arguments: [
                        id, "Y-\(receipt)", refund ? "refund" : "payment", patients[receipt % patients.count], shift,
                        cashierIDs[0], total, refund ? last : nil, refund ? "bench" : nil, refund ? cashierIDs[0] : nil, day, at, at, at,
                    ])
                    if !refund { last = id }
                    let split = random.next() % 3 == 0
                    let first = split ? total / 2 : total
                    try method.execute(arguments: [Identifier.make(), id, "cash", first, nil, at, at])
                    if split { try method.execute(arguments: [Identifier.make(), id, "mobile_money", total - first, "MM\(receipt)", at, at]) }
                }
            }
        }
    }
}
