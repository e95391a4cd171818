// The central PostgreSQL schema, as numbered migrations that `frontdesk-central migrate` applies once each.

/// The schema's migrations, in order. A shipped migration is never edited: a change is a new one.
enum CentralSchema {
    /// The role `serve` acts as inside every request's transaction (`SET LOCAL ROLE`): it may read and
    /// insert, never update or delete, and row-level security limits it to the token's facility.
    static let appRole = "frontdesk_central_app"

    /// The session setting row-level security compares `facility_id` with.
    static let facilitySetting = "frontdesk.facility_id"

    /// Hash partitions of the entry table. Enough to spread vacuum and index work on one machine;
    /// on Citus the table is distributed by `facility_id` instead (README, "Scaling the central server").
    static let entryPartitions = 8

    static let migrations: [(version: Int, name: String, sql: String)] = [
        (1, "facilities, stores, ledger entries", v1),
    ]

    static let v1 = """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(appRole)') THEN
            CREATE ROLE \(appRole) NOLOGIN;
          END IF;
          -- `serve` connects as the migrating role (or one granted the app role) and acts as the app role.
          EXECUTE format('GRANT %I TO %I', '\(appRole)', current_user);
        END $$;

        -- One row per facility. Only a SHA-256 of its token is kept.
        CREATE TABLE central.facilities (
          facility_id uuid PRIMARY KEY,
          name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
          token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
          created_at timestamptz NOT NULL DEFAULT now(),
          revoked_at timestamptz
        );

        -- Each store's head: the last seq and hash the server holds. Locked (FOR UPDATE) by every push.
        CREATE TABLE central.store_heads (
          facility_id uuid NOT NULL REFERENCES central.facilities (facility_id),
          store_id text NOT NULL,
          last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
          last_hash text NOT NULL DEFAULT repeat('0', 64),
          first_push_at timestamptz NOT NULL DEFAULT now(),
          last_push_at timestamptz,
          last_occurred_at text,
          PRIMARY KEY (facility_id, store_id)
        );

        -- The ledgers, insert-only. Keys start with facility_id so that the table distributes unchanged
        -- on Citus; entry_id is unique per facility (a partitioned table's unique keys hold its partition key).
        CREATE TABLE central.ledger_entries (
          facility_id uuid NOT NULL,
          store_id text NOT NULL,
          seq bigint NOT NULL CHECK (seq >= 1),
          entry_id text NOT NULL,
          tx_id text NOT NULL,
          kind text NOT NULL,
          version bigint NOT NULL,
          occurred_at text NOT NULL,
          actor_id text,
          payload_text text NOT NULL,
          payload jsonb,
          payload_problem text,
          prev_hash text NOT NULL,
          hash text NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (facility_id, store_id, seq),
          UNIQUE (facility_id, entry_id)
        ) PARTITION BY HASH (facility_id);

        DO $$ BEGIN
          FOR i IN 0..\(entryPartitions - 1) LOOP
            EXECUTE format('CREATE TABLE central.ledger_entries_p%s PARTITION OF central.ledger_entries
                            FOR VALUES WITH (MODULUS \(entryPartitions), REMAINDER %s)', i, i);
          END LOOP;
        END $$;
        CREATE INDEX ledger_entries_kind ON central.ledger_entries (facility_id, kind);

        -- Insert-only, whoever asks: the application role has no UPDATE or DELETE grant, and these refuse them.
        CREATE FUNCTION central.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'central.ledger_entries is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON central.ledger_entries
          FOR EACH ROW EXECUTE FUNCTION central.refuse_change();
        CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON central.ledger_entries
          FOR EACH ROW EXECUTE FUNCTION central.refuse_change();
        CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON central.ledger_entries
          FOR EACH STATEMENT EXECUTE FUNCTION central.refuse_change();

        -- A head only moves forward.
        CREATE FUNCTION central.head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.last_seq < OLD.last_seq OR NEW.facility_id <> OLD.facility_id OR NEW.store_id <> OLD.store_id THEN
            RAISE EXCEPTION 'a store head only moves forward' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER store_heads_forward_only BEFORE UPDATE ON central.store_heads
          FOR EACH ROW EXECUTE FUNCTION central.head_forward_only();
        CREATE TRIGGER store_heads_no_delete BEFORE DELETE ON central.store_heads
          FOR EACH ROW EXECUTE FUNCTION central.refuse_change();

        -- Tenancy: a request sees and writes only its token's facility.
        ALTER TABLE central.ledger_entries ENABLE ROW LEVEL SECURITY;
        ALTER TABLE central.store_heads ENABLE ROW LEVEL SECURITY;
        ALTER TABLE central.facilities ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_facility ON central.ledger_entries TO \(appRole)
          USING (facility_id = nullif(current_setting('\(facilitySetting)', true), '')::uuid)
          WITH CHECK (facility_id = nullif(current_setting('\(facilitySetting)', true), '')::uuid);
        CREATE POLICY own_facility ON central.store_heads TO \(appRole)
          USING (facility_id = nullif(current_setting('\(facilitySetting)', true), '')::uuid)
          WITH CHECK (facility_id = nullif(current_setting('\(facilitySetting)', true), '')::uuid);
        CREATE POLICY own_facility ON central.facilities TO \(appRole)
          USING (facility_id = nullif(current_setting('\(facilitySetting)', true), '')::uuid);

        -- The token is all a request has before its facility is known: this one function, run as the
        -- schema's owner, turns a token hash into a facility and reads nothing else.
        CREATE FUNCTION central.facility_for_token(hash text) RETURNS uuid
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = central, pg_temp AS $$
          SELECT facility_id FROM central.facilities WHERE token_hash = hash AND revoked_at IS NULL
        $$;
        REVOKE ALL ON FUNCTION central.facility_for_token(text) FROM PUBLIC;

        GRANT USAGE ON SCHEMA central TO \(appRole);
        GRANT SELECT ON central.facilities TO \(appRole);
        GRANT SELECT, INSERT ON central.ledger_entries TO \(appRole);
        GRANT SELECT, INSERT, UPDATE ON central.store_heads TO \(appRole);
        GRANT EXECUTE ON FUNCTION central.facility_for_token(text) TO \(appRole);
        """
}
