// `frontdesk-central facility …`: add a facility (its token shown once), list them with each store's head, revoke.
import Foundation
import Logging
import PostgresNIO

/// A facility as `facility list` shows it.
public struct FacilityListing: Sendable {
    public struct Store: Sendable {
        public let storeID: String
        public let head: StoreHead
        public let lastPushAt: Date?
    }
    public let facilityID: String
    public let name: String
    public let revokedAt: Date?
    public let stores: [Store]
}

/// The administrator's commands. They run as the role `migrate` ran as (the schema's owner).
public enum CentralAdmin {
    /// Adds a facility under the id its store was created with; returns the token, which is never stored.
    public static func addFacility(id: String, name: String, client: PostgresClient, logger: Logger) async throws -> String {
        guard let uuid = UUID(uuidString: id) else {
            throw CentralError.usage("'\(id)' is not a facility id; use the facility_id `frontdesk init` printed")
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else { throw CentralError.usage("the facility name must be 1 to 200 characters") }
        let token = FacilityToken.make()
        let facilityID = uuid.uuidString.lowercased()
        let rows = try await client.query("""
            INSERT INTO central.facilities (facility_id, name, token_hash)
            VALUES (\(facilityID)::uuid, \(trimmed), \(FacilityToken.hash(token)))
            ON CONFLICT (facility_id) DO NOTHING RETURNING facility_id
            """, logger: logger)
        var inserted = false
        for try await _ in rows { inserted = true }
        guard inserted else {
            throw CentralError.usage("facility \(facilityID) is already registered; its token cannot be shown again")
        }
        return token
    }

    /// Every facility, with each store's head and last push.
    public static func list(client: PostgresClient, logger: Logger) async throws -> [FacilityListing] {
        var stores: [String: [FacilityListing.Store]] = [:]
        let storeRows = try await client.query("""
            SELECT facility_id::text, store_id, last_seq, last_hash, last_push_at FROM central.store_heads
            ORDER BY facility_id, store_id
            """, logger: logger)
        for try await (facility, store, seq, hash, pushed) in storeRows.decode((String, String, Int64, String, Date?).self) {
            stores[facility, default: []].append(.init(storeID: store, head: StoreHead(seq: seq, hash: hash), lastPushAt: pushed))
        }
        var result: [FacilityListing] = []
        let rows = try await client.query(
            "SELECT facility_id::text, name, revoked_at FROM central.facilities ORDER BY name, facility_id", logger: logger)
        for try await (id, name, revoked) in rows.decode((String, String, Date?).self) {
            result.append(FacilityListing(facilityID: id, name: name, revokedAt: revoked, stores: stores[id] ?? []))
        }
        return result
    }

    /// Revokes a facility's token: its pushes get 401 from now on; what it pushed stays.
    public static func revoke(id: String, client: PostgresClient, logger: Logger) async throws {
        guard let uuid = UUID(uuidString: id) else { throw CentralError.usage("'\(id)' is not a facility id") }
        let rows = try await client.query("""
            UPDATE central.facilities SET revoked_at = coalesce(revoked_at, now())
            WHERE facility_id = \(uuid.uuidString.lowercased())::uuid RETURNING facility_id
            """, logger: logger)
        var found = false
        for try await _ in rows { found = true }
        guard found else { throw CentralError.notFound("no facility \(id.lowercased()) is registered") }
    }
}
