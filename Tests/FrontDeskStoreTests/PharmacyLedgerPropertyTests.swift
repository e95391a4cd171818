// Stock on hand is always the sum of the movements, over random runs of receive, dispense, return, adjust, issue and write-off.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class PharmacyLedgerPropertyTests: PharmacyDeskTestCase {
    /// 4 seeds × 60 random steps against a model that adds and takes away what each step reported. After every
    /// step: the ledger's sum per batch equals the model, the store's stock of each batch and item equals it,
    /// none is negative, the stock card ends at the stock on hand, and a refused step changed nothing. Expired batches are never dispensed or issued (the clock moves on through the run).
    func testStockIsTheSumOfMovements() throws {
        for seed in UInt64(1)...4 {
            if seed > 1 {
                try tearDownWithError()
                try setUpWithError()
            }
            var random = SplitMix64(state: seed)
            var model: [String: Int] = [:]
            var dispensed: [(id: String, batch: String, kept: Int)] = []
            var batchNumber = 0
            let items = [amox!, para!]
            let codes = [amox!: "AMOX500", para!: "PARA500"]
            for step in 0..<60 {
                let item = items[Int.random(in: 0..<2, using: &random)]
                let today = try store.localNow().day
                let batches = try store.pharmacy.batches(itemID: item)
                let before = try ledgerSums()
                do {
                    switch Int.random(in: 0..<6, using: &random) {
                    case 0:
                        batchNumber += 1
                        let days = Int.random(in: 40...200, using: &random)
                        let quantity = Int.random(in: 1...60, using: &random)
                        try receive([(codes[item]!, "B\(batchNumber)", today.adding(days: days).description, quantity)])
                        model[try batchID(item, "B\(batchNumber)"), default: 0] += quantity
                    case 1:
                        let rx = try prescribe(codes[item]!, Int.random(in: 1...80, using: &random), for: baraka)
                        let result = try store.pharmacy.dispense(rx.prescription.rxID, lines: [
                            DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: rx.lines[0].line.quantity),
                        ], by: pharm)
                        for pick in result.lines[0].picks {
                            model[pick.batchID, default: 0] -= pick.quantity
                            XCTAssertFalse(ExpiryDate.isExpired(CalendarDay(pick.expiry)!, on: today), "seed \(seed) step \(step): expired batch dispensed")
                        }
                        dispensed += try store.pharmacy.dispenses(rxID: rx.prescription.rxID).map { ($0.dispense.dispenseID, $0.dispense.batchID, $0.dispense.quantity) }
                    case 2:
                        guard !dispensed.isEmpty else { continue }
                        let index = Int.random(in: 0..<dispensed.count, using: &random)
                        let quantity = Int.random(in: 1...max(1, dispensed[index].kept + 2), using: &random)
                        try store.pharmacy.returnDispensed(dispensed[index].id, quantity: quantity, reason: "Stopped", by: pharm)
                        dispensed[index].kept -= quantity
                        model[dispensed[index].batch, default: 0] += quantity
                    case 3:
                        guard let batch = batches.randomElement(using: &random) else { continue }
                        let delta = Int.random(in: -10...10, using: &random)
                        try store.pharmacy.adjust(batchID: batch.batch.batchID, by: delta, reason: "Count", approval: nil, by: pharm)
                        model[batch.batch.batchID, default: 0] += delta
                    case 4:
                        let picks = try store.pharmacy.issue(itemID: item, quantity: Int.random(in: 1...40, using: &random), to: "Ward A",
                                                             reason: "Ward", by: pharm)
                        for pick in picks { model[pick.batchID, default: 0] -= pick.quantity }
                    default:
                        guard let batch = batches.randomElement(using: &random) else { continue }
                        model[batch.batch.batchID, default: 0] -= try store.pharmacy.writeOffExpired(batchID: batch.batch.batchID, by: pharm)
                    }
                } catch is StoreError {
                    XCTAssertEqual(try ledgerSums(), before, "seed \(seed) step \(step): a refused step changed stock")
                }
                let sums = try ledgerSums()
                XCTAssertEqual(sums, model.filter { $0.value != 0 || sums[$0.key] != nil }, "seed \(seed) step \(step): the ledger's sums are the model")
                XCTAssertTrue(sums.values.allSatisfy { $0 >= 0 }, "seed \(seed) step \(step): a batch went below zero")
                for id in items {
                    let stock = try store.pharmacy.batches(itemID: id, withStockOnly: false)
                    for b in stock { XCTAssertEqual(b.onHand, model[b.batch.batchID] ?? 0, "seed \(seed) step \(step) batch \(b.batch.batchNo)") }
                    XCTAssertEqual(try onHand(id), stock.reduce(0) { $0 + $1.onHand })
                    // The report reads the fold of the ledger (StockFold), brought up to date: it must say the same.
                    XCTAssertEqual(try store.pharmacy.stockOnHand().first { $0.item.itemID == id }?.onHand ?? 0, try onHand(id),
                                   "seed \(seed) step \(step): the folded stock is the summed stock")
                    let card = try store.pharmacy.stockCard(itemID: id)
                    XCTAssertEqual(card.lines.last?.balance ?? 0, try onHand(id), "the stock card ends at stock on hand")
                }
                clock.advance(Double(Int.random(in: 0...5, using: &random)) * 86_400)
            }
            let report = try store.verify()
            XCTAssertTrue(report.isClean, "seed \(seed): \(report.problems)")
        }
    }
}

final class PharmacyConcurrencyTests: PharmacyDeskTestCase {
    /// Two terminals (two store connections) dispense the last 10 tablets at the same instant, 15 times over:
    /// exactly one succeeds each time, the other is told there is not enough, and stock never goes below zero.
    func testTwoTerminalsDispensingTheLastUnitsNeverGoBelowZero() throws {
        let other = try FacilityStore.open(at: store.path, clock: clock)
        defer { try? other.close() }
        let otherPharm = try other.signIn(username: "pharm2", password: "pass-pharm2")
        for round in 1...15 {
            try receive([("PARA500", "R\(round)", "2027-12", 10)])
            let first = try prescribe("PARA500", 10, for: baraka)
            let second = try prescribe("PARA500", 10, for: amina)
            let attempts: [(FacilityStore, Actor, PrescriptionDetail)] = [(store, pharm, first), (other, otherPharm, second)]
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let (terminal, actor, rx) = attempts[index]
                do {
                    try terminal.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 10)],
                                                   by: actor)
                    outcomes.add("dispensed")
                } catch {
                    outcomes.add("\(error)")
                }
            }
            let results = outcomes.all
            XCTAssertEqual(results.filter { $0 == "dispensed" }.count, 1, "round \(round): \(results)")
            XCTAssertTrue(results.contains { $0.contains("on hand") }, "round \(round): \(results)")
            XCTAssertEqual(try onHand(para), 0)
            // Each connection's reports fold the movements the other wrote.
            XCTAssertEqual(try other.pharmacy.stockOnHand().first { $0.item.code == "PARA500" }?.onHand, 0)
            XCTAssertEqual(try store.pharmacy.stockOnHand().first { $0.item.code == "PARA500" }?.onHand, 0)
        }
        XCTAssertTrue(try ledgerSums().values.allSatisfy { $0 >= 0 })
    }
}

/// Results gathered from concurrent attempts.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}
