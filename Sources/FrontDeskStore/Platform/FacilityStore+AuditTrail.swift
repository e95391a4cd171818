// A record's history and a user's actions, read from the ledger: who changed what, when, from
// what to what. `record_changes` says which ledger entries touched a record, `audit_trail` which
// transactions a user made; the ledger holds each state.
import FrontDeskCore
import FrontDeskLedger
import GRDB

/// One ledgered change of one row, with the columns that changed.
public struct RecordChange: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public let name: String
        /// nil when the row was created by this change.
        public let before: String?
        public let after: String
    }
    public let seq: Int64
    public let occurredAt: String
    public let actorID: String?
    public let kind: String
    public let table: String
    public let recordID: String
    /// true when this change created the row.
    public let created: Bool
    public let columns: [Column]
}

/// What an auditor reads about one patient: every change to their records and every opening.
public struct PatientAudit: Sendable {
    public let patientID: String
    public let mrn: String
    public let changes: [RecordChange]
    public let accesses: [PatientAccess]
    /// Usernames by user id, for every actor named above.
    public let usernames: [String: String]
}

/// What an auditor reads about one user: their changes, the records they opened, their sign-ins.
public struct UserAudit: Sendable {
    public let user: UserSummary
    public let changes: [RecordChange]
    public let accesses: [PatientAccess]
    public let securityEvents: [SecurityLogEntry]
}

extension FacilityStore {
    /// The audit trail of the patient with `mrn` (a merged record's MRN reads that record);
    /// needs `reports.view`.
    public func auditPatient(mrn rawMRN: String, by actor: Actor) throws -> PatientAudit {
        let mrn = rawMRN.trimmingCharacters(in: .whitespaces).uppercased()
        let patientID = try read { db -> String in
            _ = try Self.authorize(actor, for: .viewReports, action: "read the audit trail", in: db)
            guard let id = try String.fetchOne(db, sql: "SELECT patient_id FROM patients WHERE upper(mrn) = ?", arguments: [mrn])
            else { throw StoreError.invalid(ValidationError("mrn", "no patient has the MRN \(String(mrn.prefix(40)))")) }
            return id
        }
        let usernames = try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT user_id, username FROM users").map {
                ($0["user_id"] as String, $0["username"] as String) })
        }
        return PatientAudit(patientID: patientID, mrn: mrn, changes: try patientHistory(of: patientID),
                            accesses: try patientAccesses(of: patientID), usernames: usernames)
    }

    /// The audit trail of `username`; needs `reports.view`.
    public func auditUser(username: String, by actor: Actor) throws -> UserAudit {
        let user = try read { db -> User in
            _ = try Self.authorize(actor, for: .viewReports, action: "read the audit trail", in: db)
            return try Self.user(named: username, in: db)
        }
        let events = try read { db in
            try Row.fetchAll(db, sql: "SELECT at, event, username, user_id, detail FROM security_log WHERE username = ? ORDER BY event_id",
                             arguments: [user.username]).map {
                SecurityLogEntry(at: $0["at"], event: $0["event"], username: $0["username"], userID: $0["user_id"], detail: $0["detail"])
            }
        }
        return UserAudit(user: user.summary, changes: try userHistory(of: user.userID),
                         accesses: try patientAccesses(byUser: user.userID), securityEvents: events)
    }

    /// Tables that hang off a patient by a `patient_id` column but are not business records.
    private static let notRecords: Set<String> = ["patient_search", "patient_access_log"]

    /// Every ledgered change of the patient's records (the patient, the person, and every row that
    /// carries the patient's id, including records merged into this one), oldest first.
    func patientHistory(of patientID: String) throws -> [RecordChange] {
        try read { db in
            let patientIDs = [patientID] + (try String.fetchAll(
                db, sql: "SELECT patient_id FROM patients WHERE merged_into = ?", arguments: [patientID]))
            var records: [(table: String, id: String)] = patientIDs.map { ("patients", $0) }
            for id in patientIDs {
                if let person = try String.fetchOne(db, sql: "SELECT person_id FROM patients WHERE patient_id = ?", arguments: [id]) {
                    records.append(("persons", person))
                }
            }
            for table in try Self.tablesCarryingPatientID(db) {
                let key = try Self.keyColumn(of: table, db)
                for id in patientIDs {
                    for recordID in try String.fetchAll(db, sql: "SELECT \(key) FROM \(table) WHERE patient_id = ?", arguments: [id]) {
                        records.append((table, recordID))
                    }
                }
            }
            var touches: [(seq: Int64, table: String, id: String)] = []
            for record in records {
                touches += try Int64.fetchAll(db, sql: "SELECT ledger_seq FROM record_changes WHERE table_name = ? AND record_id = ?",
                                              arguments: [record.table, record.id]).map { ($0, record.table, record.id) }
            }
            let columns = LedgerColumns(db)
            // Rows of one entry in the order it wrote them (a registration: the person, then the patient).
            return try touches.compactMap { try Self.change(at: $0.seq, table: $0.table, recordID: $0.id, columns: columns, db) }
                .sorted { ($0.change.seq, $0.position) < ($1.change.seq, $1.position) }.map(\.change)
        }
    }

    /// Every ledgered change `userID` made, oldest first: the user's transactions from the audit
    /// trail (a scan: an auditor's query), each entry's record read from its payload.
    func userHistory(of userID: String) throws -> [RecordChange] {
        try read { db in
            let ranges = try Row.fetchAll(db, sql: """
                SELECT first_seq, last_seq FROM audit_trail WHERE actor_user_id = ? ORDER BY first_seq
                """, arguments: [userID])
            var keyColumns: [String: String] = [:]
            var changes: [RecordChange] = []
            let columns = LedgerColumns(db)
            for range in ranges {
                let seqs = try Int64.fetchAll(db, sql: "SELECT seq FROM ledger_entries WHERE seq BETWEEN ? AND ? ORDER BY seq",
                                              arguments: [range[0] as Int64, range[1] as Int64])
                for seq in seqs {
                    for written in try LedgerRowChange.decode(seq: seq, db, columns: columns.callAsFunction) ?? [] {
                        if keyColumns[written.table] == nil { keyColumns[written.table] = try Self.keyColumn(of: written.table, db) }
                        guard let recordID = written.row[keyColumns[written.table]!]?.stringValue else { continue }
                        if let change = try Self.change(at: seq, table: written.table, recordID: recordID, columns: columns, db) {
                            changes.append(change.change)
                        }
                    }
                }
            }
            return changes
        }
    }

    private static func tablesCarryingPatientID(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND c.name = 'patient_id' AND m.name <> 'patients' ORDER BY m.name
            """).filter { !notRecords.contains($0) }
    }

    private static func keyColumn(of table: String, _ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1", arguments: [table]) ?? "rowid"
    }

    /// The change ledgered at `seq`, compared with the same row's previous ledgered state (both
    /// rebuilt in full from their entries, LedgerRowChange).
    /// `position`: the row's place among the rows of its entry.
    private static func change(
        at seq: Int64, table: String, recordID: String, columns: LedgerColumns, _ db: Database
    ) throws -> (change: RecordChange, position: Int)? {
        let keyColumn = try keyColumn(of: table, db)
        func row(at seq: Int64) throws -> (row: JSONValue, position: Int)? {
            guard let rows = try LedgerRowChange.decode(seq: seq, db, columns: columns.callAsFunction),
                let n = rows.firstIndex(where: { $0.table == table && $0.row[keyColumn]?.stringValue == recordID })
            else { return nil }
            return (.object(rows[n].row), n)
        }
        guard let entry = try Row.fetchOne(db, sql: "SELECT occurred_at, actor_id, kind FROM ledger_entries WHERE seq = ?", arguments: [seq]),
              let (after, position) = try row(at: seq)
        else { return nil }
        let previousSeq = try Int64.fetchOne(db, sql: """
            SELECT ledger_seq FROM record_changes WHERE table_name = ? AND record_id = ? AND ledger_seq < ?
            ORDER BY ledger_seq DESC LIMIT 1
            """, arguments: [table, recordID, seq])
        let before = try previousSeq.flatMap { try row(at: $0)?.row }
        var columns: [RecordChange.Column] = []
        if case .object(let members) = after {
            for name in members.keys.sorted() where !LedgerRowChange.stampColumns.contains(name) {
                let new = display(members[name]!)
                let old = before.flatMap { $0[name] }.map(display)
                if before == nil, new == "null" { continue }
                if old != new { columns.append(.init(name: name, before: old, after: new)) }
            }
        }
        let kind: String = entry["kind"]
        return (RecordChange(seq: seq, occurredAt: entry["occurred_at"], actorID: entry["actor_id"],
                             kind: rowKinds[kind]?[table] ?? kind,
                             table: table, recordID: recordID, created: before == nil, columns: columns), position)
    }

    /// What a row of an entry that carries several rows is called in the trail: what version 1
    /// called its own entry, so that `frontdesk audit` reads the same for old and new stores.
    private static let rowKinds: [String: [String: String]] = [
        PatientKind.patientRegistered.rawValue: [Person.databaseTableName: PatientKind.personCreated.rawValue],
    ]

    private static func display(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return s
        default: return (try? CanonicalJSON.string(value)) ?? "?"
        }
    }
}
