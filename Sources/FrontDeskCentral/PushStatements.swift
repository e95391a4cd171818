// The statement every push runs to store its entries, prepared once per connection: PostgreSQL then
// neither parses nor plans it again for each push (about a millisecond a push, `scripts/bench sync`).
// Only this one: its plan is the same whatever the data, whereas the head lock's, made generic while a
// partition was small, kept scanning the partition whole as it grew. The token's lookup stays unprepared
// too: PostgresNIO keeps a statement that failed to prepare failed for the connection's life, and that
// lookup is what meets a database not migrated yet.
import PostgresNIO

/// Entries inserted column by column as arrays (far fewer round trips than a row each), and, when
/// `movingHead`, the store's head moved onto the last of them, in one statement. Its parameters are
/// encoded when it is made, so a push can make it while PostgreSQL is busy with something else.
struct InsertEntries: PostgresPreparedStatement {
    typealias Row = ()

    // A data-modifying WITH runs whole whether or not the outer statement reads it. The head's columns
    // keep their values when $14 is NULL (more entries of the batch are to come).
    static let sql = """
        WITH inserted AS (
          INSERT INTO central.ledger_entries (facility_id, store_id, seq, entry_id, tx_id, kind, version, occurred_at,
            actor_id, payload_text, payload, payload_problem, prev_hash, hash)
          SELECT $1::uuid, s, q, i, t, k, v, o, nullif(a, ''), p, CASE WHEN pr = '' THEN p::jsonb END, nullif(pr, ''), ph, h
          FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[],
                      $10::text[], $11::text[], $12::text[], $13::text[])
            AS x(s, q, i, t, k, v, o, a, p, pr, ph, h)
          RETURNING 1
        )
        UPDATE central.store_heads SET last_seq = coalesce($14::bigint, last_seq), last_hash = coalesce($15::text, last_hash),
          last_push_at = now(), last_occurred_at = coalesce($16::text, last_occurred_at)
        WHERE facility_id = $1::uuid AND store_id = $17::text
        """

    private let bindings: PostgresBindings

    init(_ entries: [PushedEntry], facilityID: String, storeID: String, movingHead: Bool) {
        var b = PostgresBindings(capacity: 17)
        b.append(facilityID)
        b.append(entries.map(\.storeID))
        b.append(entries.map(\.seq))
        b.append(entries.map(\.entryID))
        b.append(entries.map(\.txID))
        b.append(entries.map(\.kind))
        b.append(entries.map(\.version))
        b.append(entries.map(\.occurredAt))
        b.append(entries.map { $0.actorID ?? "" })
        b.append(entries.map { String(decoding: $0.canonicalPayload, as: UTF8.self) })
        b.append(entries.map { $0.payloadProblem ?? "" })
        b.append(entries.map(\.prevHash))
        b.append(entries.map(\.hash))
        let last = entries[entries.count - 1]
        b.append(movingHead ? last.seq : nil)
        b.append(movingHead ? last.hash : nil)
        b.append(movingHead ? last.occurredAt : nil)
        b.append(storeID)
        bindings = b
    }

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}
