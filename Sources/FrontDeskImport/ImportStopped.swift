// An import that stopped partway: what was committed before, and that running it again finishes it.
import FrontDeskStore

/// An import's batches commit one by one; when one fails (the disk filled), the ones before it stay.
/// This says how many rows they held, so nobody is told "nothing was saved" about a half-done import.
public struct ImportStopped: Error, Equatable, CustomStringConvertible {
    /// Rows committed (imported, or found already there) before the failure.
    public let saved: Int
    /// Rows the import meant to commit.
    public let total: Int
    /// Why the next batch failed; nothing of that batch was written.
    public let cause: StoreError

    public var description: String {
        let counts = "\(Self.grouped(saved)) of \(Self.grouped(total)) row\(total == 1 ? "" : "s") \(saved == 1 ? "was" : "were") saved"
        let again = "run the same import again: it skips what is saved."
        switch cause {
        case .storageFull:
            return "\(counts) before the disk filled; free space and \(again)"
        case .storageFailure(let detail):
            return "\(counts) before the store could not be written (\(detail)); fix that and \(again)"
        case .busy:
            return "\(counts) before the store stayed busy with other terminals' work; \(again)"
        default:
            return "\(counts); then: \(cause.description) To finish, \(again)"
        }
    }

    /// 3500 → "3,500": counts people read at a glance.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
