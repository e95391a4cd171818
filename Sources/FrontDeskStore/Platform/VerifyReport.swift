// What `verify` found: problems grouped by the check that found them, a few of each kept.
import FrontDeskLedger

/// The checks `verify` runs, in the order its report lists them. The raw value heads each line.
public enum VerifyCheck: String, CaseIterable, Sendable {
    case integrity
    case foreignKeys = "foreign key"
    case schema
    case ledger
    case head
    case state
    case audit
    case securityLog = "security log"
    case accessLog = "access log"
    case sequences = "number sequence"
    case lookupIndex = "lookup index"
}

/// The outcome of a full check of a store.
public struct VerifyReport: Sendable {
    /// Problems kept per check; the rest are only counted (a store with a million bad rows
    /// should not print a million lines).
    public static let keptPerCheck = 20

    private var kept: [VerifyCheck: [String]] = [:]
    private var dropped: [VerifyCheck: Int] = [:]
    /// The last seq whose hash was recomputed and linked.
    public var ledgerEntries: Int64 = 0
    /// The first ledger seq found bad, if any.
    public var firstBadSeq: Int64?
    /// The ledger's last entry, as `verify --head` takes it back.
    public var head = LedgerHead(seq: 0, hash: LedgerEntry.genesisHash)
    /// Business rows compared with the ledger, and in how many tables.
    public var rowsCompared = 0
    public var tablesCompared = 0
    public var auditRecords = 0
    public var securityEvents = 0
    public var sequencesChecked = 0
    public var schemaObjects = 0

    public init() {}

    /// Every kept problem as "check: text", grouped in `VerifyCheck` order.
    public var problems: [String] {
        groups.flatMap { group in group.problems.map { "\(group.check.rawValue): \($0)" } }
    }

    /// Problems by check, with how many more were found than kept.
    public var groups: [(check: VerifyCheck, problems: [String], more: Int)] {
        VerifyCheck.allCases.compactMap { check in
            guard let found = kept[check], !found.isEmpty else { return nil }
            return (check, found, dropped[check] ?? 0)
        }
    }

    public var isClean: Bool { kept.values.allSatisfy(\.isEmpty) }

    /// Whether another problem of `check` would still be kept (not only counted).
    func hasRoom(_ check: VerifyCheck) -> Bool { kept[check, default: []].count < Self.keptPerCheck }

    mutating func add(_ check: VerifyCheck, _ problem: String) {
        if kept[check, default: []].count < Self.keptPerCheck {
            kept[check, default: []].append(problem)
        } else {
            dropped[check, default: 0] += 1
        }
    }
}

/// A point of the chain to check the ledger against later: a seq and its hash (or its first 12+ hex).
public struct LedgerHead: Sendable, Equatable, CustomStringConvertible {
    public let seq: Int64
    public let hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// How reports print it and `verify --head` reads it: `48213:3fa9c2e01b7d`.
    public var anchor: String { "\(seq):\(hash.prefix(Self.printedHexDigits))" }
    public var description: String { "Ledger head \(anchor)" }

    /// Hex digits printed, and the fewest `verify --head` accepts (48 bits: no forger finds a match by trying).
    public static let printedHexDigits = 12

    /// Reads `SEQ:HASHPREFIX`; nil (with the reason) unless the seq is positive and the prefix is
    /// 12 to 64 hex digits.
    public static func parse(_ text: String) -> (head: LedgerHead?, reason: String?) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 1 else {
            return (nil, "'\(text.prefix(80))' is not SEQ:HASH (e.g. 48213:3fa9c2e01b7d)")
        }
        let hex = parts[1].lowercased()
        guard hex.allSatisfy({ $0.isHexDigit && $0.isASCII }), hex.count <= 64 else {
            return (nil, "the hash after the ':' must be hexadecimal digits, as printed on the report")
        }
        guard hex.count >= printedHexDigits else {
            return (nil, "give at least \(printedHexDigits) hex digits of the hash (\(hex.count) given), as printed on the report")
        }
        return (LedgerHead(seq: seq, hash: hex), nil)
    }
}
