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
    ]

    /// Every kind, one list.
    public static var all: [any LedgerKind] { byDesk.flatMap(\.kinds) }

    /// The Markdown text of docs/ledger-kinds.md.
    public static func markdown() -> String {
        var out = """
            # Ledger kinds

            Generated from the `LedgerKind` enums in `Sources/FrontDeskStore` (one per desk folder); do not edit by hand.
            Regenerate with `FRONTDESK_WRITE_DOCS=1 swift test --filter LedgerKindsDocTests`.
            Each entry's payload is `{"row": {every column}, "table": "…"}` (docs/CodebaseGuide.md, the write path).

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
