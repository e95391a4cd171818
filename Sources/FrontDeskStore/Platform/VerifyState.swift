// Every business row against the ledger's last row of the same record: a row the ledger never
// wrote, a record the ledger wrote that is gone, a column that differs.
import FrontDeskLedger
import GRDB

extension LedgerReplay {
    /// Streams each ledgered table once and compares every row's fingerprint with the ledger's.
    /// Only a row that differs has its ledger payload read again, to name the column.
    mutating func compareTables(_ db: Database, report: inout VerifyReport) throws {
        for problem in tables.problems { report.add(.state, problem) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        var values: [DatabaseValue] = []
        for (index, table) in tables.tables.enumerated() {
            report.tablesCompared += 1
            let prefixes = StoredRowEncoder.keyPrefixes(table.columns)
            let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table.name.quotedDatabaseIdentifier)")
            while let row = try rows.next() {
                report.rowsCompared += 1
                values.removeAll(keepingCapacity: true)
                for column in 0..<table.columns.count { values.append(row[column]) }
                let keyValue = StoredRowEncoder.value(values[table.keyIndex])
                let keyText = keyValue.stringValue ?? shortened(keyValue)
                let key = Bits128.key(keyText)
                guard let slot = state[index].removeValue(forKey: key) else {
                    report.add(.state, "\(table.name) \(keyText): this row has no ledger entry (written behind the ledger's back)")
                    continue
                }
                StoredRowEncoder.encode(values, prefixes: prefixes, into: &bytes)
                if Bits128.digest(bytes) == slot.digest { continue }
                var stored: [String: JSONValue] = [:]
                for (column, value) in zip(table.columns, values) { stored[column] = StoredRowEncoder.value(value) }
                let ledgered = try ledgerRow(at: slot.seq, table: table, key: keyText, db) ?? [:]
                for difference in Self.differences(stored, ledgered, table: table) {
                    report.add(.state, "\(table.name) \(keyText): \(difference.column) is \(shortened(difference.stored)) in the table, \(shortened(difference.ledgered)) in the ledger (seq \(slot.seq))")
                }
            }
            try reportDeleted(index, table, db, report: &report)
        }
    }

    /// Records the ledger wrote whose rows are no longer in the table. Their keys are read back from
    /// the ledger only for the lines the report keeps.
    private mutating func reportDeleted(_ index: Int, _ table: VerifyTables.Table, _ db: Database, report: inout VerifyReport) throws {
        let left = state[index].values.sorted { $0.seq < $1.seq }
        state[index] = [:]
        for slot in left {
            guard report.hasRoom(.state) else {
                report.add(.state, "")  // counted only
                continue
            }
            let key = try ledgerRow(at: slot.seq, table: table, key: nil, db)?[table.keyColumn]?.stringValue ?? "?"
            report.add(.state, "\(table.name) \(key): in the ledger (last written at seq \(slot.seq)) but not in the table (deleted behind the ledger's back)")
        }
    }
}
