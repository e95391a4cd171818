// The crash harness's longer workloads: the queue (call, start, finish, left), the cashier (shift open and
// close, charge, invoice, payment, refund) and imports in batches that a killed run finishes when re-run.
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskImport
import FrontDeskStore

/// The queue of the services this nurse owns: call the next patient, then start and finish the visit
/// (or mark them left). A restarted nurse takes up the patients it had called before it was killed.
final class QueueDesk: CrashDesk {
    let services: [String]
    private var inFlight: [QueueEntry] = []

    init(services: [String], context c: CrashDeskContext) throws {
        self.services = services
        let today = try c.store.localNow().day
        for service in services {
            inFlight += try c.store.queue.board(day: today, serviceID: service).map(\.entry)
                .filter { ($0.status == .called || $0.status == .inConsultation) && $0.calledBy == c.actor.userID }
        }
    }

    func step(_ c: CrashDeskContext) throws {
        guard !inFlight.isEmpty else {
            guard let service = services.randomElement(using: &c.random) else { usleep(20_000); return }
            switch c.attempt("call", { try c.store.queue.callNext(serviceID: service, by: c.actor) }) {
            case let entry?? :
                c.acks.ack("call", entry.entryID)
                inFlight.append(entry)
            default: usleep(5_000)  // nobody waits: nothing was written
            }
            return
        }
        let entry = inFlight.removeFirst()
        if entry.status == .called, c.chance(5) {
            guard c.attempt("left", { try c.store.queue.markLeft(entry.entryID, reason: "did not answer the call", by: c.actor) }) != nil
            else { return }
            c.acks.ack("left", entry.entryID)
        } else if entry.status == .called {
            guard let started = c.attempt("start", { try c.store.queue.startConsultation(entry.entryID, by: c.actor) }) else { return }
            c.acks.ack("start", entry.entryID)
            inFlight.append(started)
        } else {
            guard c.attempt("finish", { try c.store.queue.finishVisit(entry.entryID, by: c.actor) }) != nil else { return }
            c.acks.ack("finish", entry.entryID)
        }
    }
}

/// A cashier's day: a shift opened with a float; bills (a counter charge, a draft, the issued invoice, its
/// payment: four commits); refunds of its own payments with the supervisor's password; the shift closed
/// now and then, and a new one opened.
final class CashierDesk: CrashDesk {
    private var shift: CashierShift?
    private var payments: [(id: String, left: Int64)] = []

    init(context c: CrashDeskContext) throws {
        shift = try c.store.cashier.currentShift(of: c.actor)
    }

    func step(_ c: CrashDeskContext) throws {
        guard let open = shift else {
            guard let opened = c.attempt("open", { try c.store.cashier.openShift(floatMinor: 500_000, by: c.actor) }) else { return }
            c.acks.ack("open", opened.shiftID, String(opened.number))
            shift = opened
            return
        }
        let roll = Int.random(in: 0..<100, using: &c.random)
        if roll < 4 {
            // A blind count: whatever it is, over or short is recorded.
            guard c.attempt("close", { try c.store.cashier.closeShift(count: [100_000: 5, 5_000: roll], floatLeftMinor: 0, by: c.actor) }) != nil
            else { return }
            c.acks.ack("close", open.shiftID)
            shift = nil
        } else if roll < 12, let pick = payments.indices.randomElement(using: &c.random) {
            let amount = min(payments[pick].left, 10_000)
            guard let approval = c.attempt("authorize", {
                try c.store.cashier.authorize(username: CrashSetup.supervisor, password: CrashSetup.password, action: "a refund")
            }) else { return }
            guard let refund = c.attempt("refund", {
                try c.store.cashier.refund(payments[pick].id, parts: [TenderLine(.cash, amount)], reason: "crash harness refund",
                                   authorizedBy: approval, by: c.actor)
            }) else { return }
            c.acks.ack("refund", refund.payment.paymentID, refund.payment.receiptNumber, payments[pick].id)
            payments[pick].left -= amount
            if payments[pick].left == 0 { payments.remove(at: pick) }
        } else {
            try bill(c)
        }
    }

    private func bill(_ c: CrashDeskContext) throws {
        let patient = c.patient()
        guard let charge = c.attempt("charge", { try c.store.cashier.addCounterCharge(patientID: patient, code: CrashSetup.counterFee, by: c.actor) })
        else { return }
        c.acks.ack("charge", charge.chargeID)
        guard let draft = c.attempt("draft", { try c.store.cashier.draftInvoice(patientID: patient, by: c.actor) }) else { return }
        c.acks.ack("draft", draft.invoiceID)
        guard let issued = c.attempt("issue", { try c.store.cashier.issueInvoice(draft.invoiceID, by: c.actor) }) else { return }
        c.acks.ack("issue", issued.invoiceID, issued.number ?? "")
        guard issued.patientBalanceMinor > 0 else { return }
        let card = c.chance(30)
        let part = card ? TenderLine(.card, issued.patientBalanceMinor) : TenderLine(.cash, issued.patientBalanceMinor)
        guard let receipt = c.attempt("pay", {
            try c.store.cashier.takePayment(patientID: patient, invoiceID: issued.invoiceID, parts: [part],
                                    tenderedMinor: card ? nil : (issued.patientBalanceMinor + 99_999) / 100_000 * 100_000, by: c.actor)
        }) else { return }
        c.acks.ack("pay", receipt.payment.paymentID, receipt.payment.receiptNumber, issued.invoiceID)
        payments.append((receipt.payment.paymentID, receipt.payment.totalMinor))
    }
}

/// Imports: jobs of `rows` legacy patients in batches of `batch`, one transaction each. A job a kill cut
/// short is run again by the next run of this worker, which must finish it exactly.
final class ImportDesk: CrashDesk {
    static let rows = 40
    static let batch = 8
    let worker: Int
    let folder: String
    private var job = 1
    /// Rows the killed run of `job` acknowledged (0 for a new job); nil when `job` is new.
    private var resumedAfter: Int?

    init(worker: Int, folder: String, log: String) {
        self.worker = worker
        self.folder = folder
        var started = 0, finished = 0, acked: [Int: Int] = [:]
        for fields in AckLog.lines(of: log) {
            guard fields.count >= 2, let number = Int(fields[1]) else { continue }
            switch fields[0] {
            case "impstart": started = max(started, number)
            case "impdone": finished = max(finished, number)
            case "imp" where fields.count >= 3: acked[number] = max(acked[number] ?? 0, Int(fields[2]) ?? 0)
            default: break
            }
        }
        if started > finished {
            job = started
            resumedAfter = acked[started] ?? 0
        } else {
            job = finished + 1
        }
    }

    func step(_ c: CrashDeskContext) throws {
        let file = folder + "/import-\(worker)-\(job).csv"
        try CrashSetup.writeImportFile(file, worker: worker, job: job, rows: Self.rows)
        c.acks.ack("impstart", String(job), resumedAfter.map(String.init) ?? "new")
        var importer = LegacyPatientImport(store: c.store)
        importer.batchSize = Self.batch
        let before = resumedAfter
        let job = self.job
        var previous = 0
        guard let report = c.attempt("import", {
            try importer.run(file: file, skipBad: false, by: c.actor) { done, _ in
                // A batch of a re-run: certainly new past the killed run's last batch and the one after it
                // (which may have committed unacknowledged); certainly not new up to what that run acknowledged.
                let least = before.map { previous >= $0 + Self.batch ? 1 : 0 } ?? 1
                let most = before.map { done <= $0 ? 0 : 1 } ?? 1
                c.acks.ack("imp", String(job), String(done), String(least), String(most))
                previous = done
            }
        }) else { return }
        c.acks.ack("impdone", String(job), String(report.rows), String(report.imported), String(report.alreadyImported),
                   before.map(String.init) ?? "new")
        self.job += 1
        resumedAfter = nil
    }
}
