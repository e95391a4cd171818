// Number sequences are not ledgered: each must stand exactly at the highest number the ledgered
// rows issued from it (MRNs, tokens, invoices, receipts, shifts, deliveries, prescriptions), since a rollback gives a number back.
import FrontDeskCore
import FrontDeskLedger
import GRDB

/// The highest number issued from each sequence, worked out from the ledger's rows in seq order
/// (an MRN is read with the format in force when it was issued; a token with its service's code then).
struct IssuedNumbers {
    private(set) var highest: [String: Int64] = [:]
    private(set) var problems: [String] = []
    private var mrnSettings: [String: String] = [:]
    private var serviceCodes: [String: String] = [:]

    /// Notes the numbers `row` carries; `isFirst` when the ledger has no earlier row of the record.
    mutating func note(table: String, row: [String: JSONValue], isFirst: Bool, seq: Int64) {
        switch table {
        case "settings":
            if let key = row["key"]?.stringValue, key.hasPrefix("mrn_"), let value = row["value"]?.stringValue {
                mrnSettings[key] = value
            }
        case "services":
            if let id = row["service_id"]?.stringValue, let code = row["code"]?.stringValue { serviceCodes[id] = code }
        case "patients" where isFirst:
            guard let mrn = row["mrn"]?.stringValue else { return }
            if let (name, n) = Self.read(mrn: mrn, format: mrnFormat) {
                issue(name, n)
            } else {
                problems.append("seq \(seq): MRN \(shortened(.string(mrn))) does not read as \(mrnFormat.summary), the format in force when it was issued")
            }
        case "queue_entries" where isFirst:
            if let service = row["service_id"]?.stringValue, let day = row["day"]?.stringValue,
                let n = row["token_number"]?.intValue
            {
                issue("token:\(serviceCodes[service] ?? "?"):\(day)", n)
            }
        case "invoices":
            if let number = row["number"]?.stringValue { issue(document: number, "invoice", seq: seq) }
        case "payments" where isFirst:
            // Receipts and insurers' remittances (REM-…) are numbered from sequences of their own.
            if let number = row["receipt_number"]?.stringValue {
                issue(document: number, number.hasPrefix("REM-") ? "remittance" : "receipt", seq: seq)
            }
        case "cashier_shifts" where isFirst:
            if let n = row["number"]?.intValue { issue("shift", n) }
        case "goods_receipts" where isFirst:
            if let n = row["number"]?.intValue { issue("goods_receipt", n) }
        case "prescriptions" where isFirst:
            if let n = row["number"]?.intValue { issue("prescription", n) }
        default:
            break
        }
    }

    private mutating func issue(_ name: String, _ n: Int64) {
        highest[name] = max(highest[name] ?? 0, n)
    }

    /// `INV-000123` → 123.
    private mutating func issue(document: String, _ name: String, seq: Int64) {
        guard let digits = document.split(separator: "-").last, let n = Int64(digits) else {
            problems.append("seq \(seq): \(name) number \(shortened(.string(document))) does not end in its sequence number")
            return
        }
        issue(name, n)
    }

    /// The MRN format as `FacilityStore.mrnFormat(in:)` reads it from the settings.
    private var mrnFormat: MRNFormat {
        guard let prefix = mrnSettings["mrn_prefix"], let digits = mrnSettings["mrn_sequence_digits"].flatMap({ Int($0) })
        else { return .standard }
        return MRNFormat(prefix: prefix, includesYear: mrnSettings["mrn_includes_year"] == "1", sequenceDigits: digits)
    }

    /// The sequence and number an MRN was made from: prefix, optional year, number, check digit.
    static func read(mrn: String, format: MRNFormat) -> (String, Int64)? {
        guard mrn.hasPrefix(format.prefix) else { return nil }
        let digits = mrn.dropFirst(format.prefix.count)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count >= (format.includesYear ? 6 : 2) else { return nil }
        let body = digits.dropLast()
        if format.includesYear {
            guard let n = Int64(body.dropFirst(4)) else { return nil }
            return ("mrn-\(body.prefix(4))", n)
        }
        guard let n = Int64(body) else { return nil }
        return ("mrn", n)
    }

    /// Compares `number_sequences` with what the ledger issued. A sequence behind would hand out a
    /// number again; one ahead skipped numbers; one the ledger never used was made by hand.
    func check(_ db: Database, report: inout VerifyReport) throws {
        for problem in problems { report.add(.sequences, problem) }
        var expected = highest
        let rows = try Row.fetchCursor(db, sql: "SELECT name, last_value FROM number_sequences ORDER BY name")
        while let row = try rows.next() {
            let name: String = row[0]
            let value: Int64 = row[1]
            report.sequencesChecked += 1
            guard let issued = expected.removeValue(forKey: name) else {
                report.add(.sequences, "\(shortKey(name)) stands at \(value), but no ledgered record carries a number from it")
                continue
            }
            if value < issued {
                report.add(.sequences, "\(shortKey(name)) stands at \(value), but the ledger's records were issued up to \(issued): the next number would repeat one")
            } else if value > issued {
                report.add(.sequences, "\(shortKey(name)) stands at \(value), but the ledger's records were issued only up to \(issued): numbers were skipped")
            }
        }
        for (name, issued) in expected.sorted(by: { $0.key < $1.key }) {
            report.add(.sequences, "\(shortKey(name)) is missing, but the ledger's records were issued up to \(issued): numbering would start again at 1")
        }
    }
}
