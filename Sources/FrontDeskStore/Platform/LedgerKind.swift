// What a ledger entry records, as a type: "noun.verb", its payload version, its meaning and the
// tables it writes. Each desk declares its own kinds in its folder; `LedgerKinds.all` lists them.

/// One kind of ledger entry. The write path takes only these, never a free string.
public protocol LedgerKind: Sendable {
    /// The ledger's `kind` column: "noun.verb" (`patient.registered`).
    var rawValue: String { get }
    /// The version of this kind's payload shape, from 1.
    var version: Int64 { get }
    /// One line: what an entry of this kind means.
    var meaning: String { get }
    /// The tables whose rows an entry of this kind carries.
    var tables: [String] { get }
}

extension LedgerKind {
    /// Kinds are written in the store's current payload version unless a kind says otherwise.
    public var version: Int64 { LedgerRowChange.currentVersion }
}

/// Every ledger kind this FrontDesk writes, desk by desk (the central server reads this list;
/// docs/ledger-kinds.md is generated from it).
public enum LedgerKinds {
    /// The desks' kinds, in the order the documentation lists them.
    public static let byDesk: [(desk: String, kinds: [any LedgerKind])] = [
        ("Platform", PlatformKind.allCases),
        ("Patients", PatientKind.allCases),
        ("Charges", ChargeKind.allCases),
        ("Queue", QueueKind.allCases),
        ("Cashier", CashierKind.allCases),
        ("Beds", BedsKind.allCases),
        ("Pharmacy", PharmacyKind.allCases),
    ]

    /// Every kind, one list.
    public static var all: [any LedgerKind] { byDesk.flatMap(\.kinds) }

    /// The Markdown text of docs/ledger-kinds.md.
    public static func markdown() -> String {
        var out = """
            # Ledger kinds

            Generated from the `LedgerKind` enums in `Sources/FrontDeskStore` (one per desk folder); do not edit by hand.
            Regenerate with `FRONTDESK_WRITE_DOCS=1 swift test --filter LedgerKindsDocTests`.
            Every entry is a row change: its payload carries the full new state of the rows it wrote, so a
            facility's records can be rebuilt from the ledger alone. The entry's `version` column says how.

            ## Payload versions

            - **Version 1** (stores written before version 2; still verified): `{"row":{…},"table":"…"}`, one
              row per entry, every column of the row (credential columns left out), NULLs and stamps included.
            - **Version 2** (written now): `{"rows":[{"row":{…},"table":"…"},…]}`, one or more rows per entry
              in the order written (`patient.registered`: the person, then the patient). A row leaves out every
              column whose value is implied, and only those:
              - `created_at` and `updated_at`, when equal to the entry's `occurred_at`;
              - `created_by` and `updated_by`, when equal to the entry's `actor_id` (NULL for the system);
              - any other column, when NULL.

              To rebuild a row, take the table's columns from the store's schema (`PRAGMA table_info`; the
              `users` table's credential columns `\(User.privateColumns.sorted().joined(separator: "`, `"))` are
              never ledgered) and fill each column the row lacks: a stamp
              column from the envelope as above, any other column with NULL. A stamp that differs from the
              envelope (an update keeps the row's `created_at`/`created_by`) and a stamp that is NULL while
              `actor_id` is not are written out, so each entry can be read alone.

            Each table row's latest entry is found through `record_changes` (table, key → ledger seq).

            """
        for (desk, kinds) in byDesk {
            out += "\n## \(desk)\n\n| kind | version | table | meaning |\n|---|---|---|---|\n"
            for kind in kinds {
                out += "| `\(kind.rawValue)` | \(kind.version) | \(kind.tables.joined(separator: ", ")) | \(kind.meaning) |\n"
            }
        }
        return out
    }
}
