// The store's batches: whole transactions only, in seq order, within both limits (a lone oversized transaction excepted).
import FrontDeskLedger
import FrontDeskStore
import XCTest

final class SyncBatchTests: SyncStoreTestCase {
    /// A ledger of mixed transactions: the store's creation (many entries), users (1), MRN formats (3).
    func mixedLedger() throws -> [LedgerEntry] {
        for round in 0..<8 {
            try addUser("user\(round)")
            try changeMRNFormat(round)
            if round % 3 == 0 { try addUser("extra\(round)") }
        }
        return try ledger()
    }

    func testBatchesWalkTheLedgerOnceInOrderAndNeverSplitATransaction() throws {
        let entries = try mixedLedger()
        let txSizes = Dictionary(grouping: entries, by: \.txID).mapValues(\.count)
        for limit in [1, 2, 3, 4, 5, 7, 500] {
            var after: Int64 = 0, seen: [Int64] = []
            while true {
                let batch = try store.ledgerBatch(after: after, maxEntries: limit)
                guard let last = batch.last else { break }
                XCTAssertEqual(batch.map(\.seq), Array((after + 1)...last.seq), "contiguous from after+1 (limit \(limit))")
                // Whole transactions: every tx in the batch is there with all its entries.
                for (tx, group) in Dictionary(grouping: batch, by: \.txID) {
                    XCTAssertEqual(group.count, txSizes[tx], "transaction \(tx) split at limit \(limit)")
                }
                if batch.count > limit {
                    XCTAssertEqual(Set(batch.map(\.txID)).count, 1, "only a lone transaction may exceed the limit")
                }
                seen += batch.map(\.seq)
                after = last.seq
            }
            XCTAssertEqual(seen, entries.map(\.seq), "limit \(limit)")
        }
    }

    func testATransactionLargerThanTheLimitIsSentAlone() throws {
        let entries = try ledger()
        let creation = entries.filter { $0.txID == entries[0].txID }
        XCTAssertGreaterThan(creation.count, 3, "the store's creation is one transaction of many entries")
        try addUser("after")
        let batch = try store.ledgerBatch(after: 0, maxEntries: 3)
        XCTAssertEqual(batch.map(\.seq), creation.map(\.seq))
        let next = try store.ledgerBatch(after: creation.last!.seq, maxEntries: 3)
        XCTAssertEqual(next.count, 1)
    }

    func testTheByteLimitHoldsForTheWholeBody() throws {
        let entries = try mixedLedger()
        let creationEnd = entries.filter { $0.txID == entries[0].txID }.last!.seq
        let oneUser = try body(try store.ledgerBatch(after: creationEnd, maxEntries: 1)).count
        for maxBytes in [oneUser, oneUser + 1, 2 * oneUser, 3 * oneUser + 50, 6_000] {
            var after = creationEnd
            while true {
                let batch = try store.ledgerBatch(after: after, maxBytes: maxBytes)
                guard let last = batch.last else { break }
                let size = try body(batch).count
                if Set(batch.map(\.txID)).count > 1 {
                    XCTAssertLessThanOrEqual(size, maxBytes, "a batch of several transactions over \(maxBytes) bytes")
                }
                after = last.seq
            }
            XCTAssertEqual(after, entries.last!.seq)
        }
        // The size the store counts is the size sent: a limit of exactly one user's body lets exactly that through.
        let exact = try store.ledgerBatch(after: creationEnd, maxBytes: oneUser)
        XCTAssertEqual(try body(exact).count, oneUser)
        XCTAssertEqual(exact.count, 1)
    }

    func testTheDefaultsAreTheProtocolsLimits() throws {
        XCTAssertEqual(FacilityStore.syncBatchMaxEntries, 500)
        XCTAssertEqual(FacilityStore.syncBatchMaxBytes, 1_048_576)
        let entries = try mixedLedger()
        XCTAssertEqual(try store.ledgerBatch(after: 0).map(\.seq), entries.map(\.seq), "a small ledger goes in one push")
        XCTAssertEqual(try store.ledgerBatch(after: entries.last!.seq), [])
    }

    func testBatchEntriesAreTheLedgerAsExportedWithTheirHashes() throws {
        let entries = try mixedLedger()
        let batch = try store.ledgerBatch(after: 0)
        XCTAssertEqual(batch, entries)
        for entry in batch { XCTAssertEqual(try entry.computeHash(), entry.hash) }
    }
}
