// Patient lookup: every kind of key a receptionist types, ranked, in a few milliseconds at a million patients.
import FrontDeskCore
import GRDB

/// One line of lookup results.
public struct PatientHit: Sendable, Equatable {
    /// Which key found the patient.
    public enum MatchedBy: String, Sendable {
        case mrn, phone, nationalID, name, dateOfBirth, phoneEnding, mrnEnding
    }

    /// The record Enter opens (the survivor, when the key found a merged record).
    public let patientID: String
    public let displayName: String
    public let sex: String
    public let dob: String?
    public let dobEstimated: Bool
    public let mrn: String
    public let phone: String?
    public let lastVisitAt: String?
    public let matchedBy: MatchedBy
    /// An identifier matched whole (MRN, its short form, a full phone number, a national ID).
    public let exact: Bool
    /// The merged record's MRN when that is what the key found.
    public let foundByMergedMRN: String?
}

/// What a lookup found; `truncated` when there were more matches than were ranked and shown.
public struct PatientSearchResult: Sendable, Equatable {
    public var hits: [PatientHit] = []
    public var truncated = false
    /// A sentence for the user: too few digits, several patients sharing a short key, …
    public var notice: String?

    public static let empty = PatientSearchResult()
}

/// Looks patients up on a read-only connection of its own, so that a lookup superseded by the
/// next keystroke can be interrupted without touching the store's writer.
public final class PatientFinder: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let settings: LookupSettings

    init(path: String, settings: LookupSettings) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // A lookup reads a few hundred scattered card pages: keep them in this connection's
            // cache, and map the file rather than copy each page through read(2).
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147418112")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        self.settings = settings
    }

    /// Ranked results for `text` as typed.
    public func find(_ text: String, limit: Int = PatientLookup.defaultLimit) throws -> PatientSearchResult {
        do {
            return try queue.read { db in try PatientLookup(settings: settings, limit: limit).run(PatientQuery(parsing: text), db: db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw Interrupted()
        } catch {
            throw StoreError.translating(error)
        }
    }

    /// The lookup was stopped by `interrupt()`.
    public struct Interrupted: Error {}

    /// Stops the lookup running now, if any (it throws; the caller drops its result).
    public func interrupt() { queue.interrupt() }
}

/// The facility settings a lookup needs to read numbers as typed.
struct LookupSettings: Sendable {
    var countryCode: String?
}

extension FacilityStore {
    /// A finder for one terminal's lookup box.
    public func makeFinder() throws -> PatientFinder {
        try PatientFinder(path: path, settings: lookupSettings())
    }

    /// Ranked results for `text`, on the store's own readers (tools and tests).
    public func findPatients(_ text: String, limit: Int = PatientLookup.defaultLimit) throws -> PatientSearchResult {
        let settings = try lookupSettings()
        return try read { db in try PatientLookup(settings: settings, limit: limit).run(PatientQuery(parsing: text), db: db) }
    }

    func lookupSettings() throws -> LookupSettings {
        LookupSettings(countryCode: try phoneCountryCode())
    }
}
