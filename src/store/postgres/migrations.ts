// The PostgreSQL schema, as versioned migrations applied in order at open (migrate.ts). Never edit a released
// migration: add the next version. Keys and index values sort in byte order (COLLATE "C"), as the local stores sort.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records and declared indexes',
    sql: `
      CREATE TABLE vtn_records (
        collection text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        -- The record; value_text instead when its JSON holds what jsonb refuses (\\u0000, lone surrogates).
        value jsonb,
        value_text text,
        version bigint NOT NULL,
        PRIMARY KEY (collection, key),
        CHECK ((value IS NULL) <> (value_text IS NULL))
      );
      -- One row per (record, declared index, index value), written from collection-specs.ts at commit.
      CREATE TABLE vtn_index (
        collection text COLLATE "C" NOT NULL,
        index_name text COLLATE "C" NOT NULL,
        index_value text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        PRIMARY KEY (collection, index_name, index_value, key)
      );
      -- Deleting or rewriting a record drops its index rows by key.
      CREATE INDEX vtn_index_by_key ON vtn_index (collection, key);
    `,
  },
  {
    version: 2,
    name: 'telemetry values',
    sql: `
      -- Report values; '' stands for an absent resource id or measurement so equality lookups use the index.
      CREATE TABLE vtn_telemetry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ven_id text NOT NULL,
        resource_id text NOT NULL DEFAULT '',
        measurement text NOT NULL DEFAULT '',
        r_id text NOT NULL,
        t timestamptz NOT NULL,
        value jsonb NOT NULL
      );
      CREATE INDEX vtn_telemetry_series_time ON vtn_telemetry (ven_id, resource_id, measurement, t);
    `,
  },
  {
    version: 3,
    name: 'telemetry series counts and time index',
    sql: `
      -- One row per telemetry series with its value count, kept in the same statements that insert and delete
      -- values: seriesOf and stats read it instead of scanning values, retention finds series over the cap here.
      CREATE TABLE vtn_telemetry_series (
        ven_id text NOT NULL,
        resource_id text NOT NULL,
        measurement text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (ven_id, resource_id, measurement)
      );
      INSERT INTO vtn_telemetry_series (ven_id, resource_id, measurement, n)
        SELECT ven_id, resource_id, measurement, count(*) FROM vtn_telemetry GROUP BY ven_id, resource_id, measurement;
      -- Age retention deletes by time across all series.
      CREATE INDEX vtn_telemetry_time ON vtn_telemetry (t);
    `,
  },
  {
    version: 4,
    name: 'venName index of registered VENs',
    sql: `
      -- collection-specs.ts declares vens.venName from this version on: index the VENs registered before it.
      INSERT INTO vtn_index (collection, index_name, index_value, key)
        SELECT collection, 'venName', value->>'venName', key FROM vtn_records
        WHERE collection = 'vens' AND value IS NOT NULL AND jsonb_typeof(value->'venName') = 'string' AND value->>'venName' <> ''
        ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 5,
    name: 'decision log lanes',
    sql: `
      -- collection-specs.ts declares decisions.lane from this version on (a lane per trigger, and refusals): index
      -- the decisions stored before it, each in its trigger's lane.
      INSERT INTO vtn_index (collection, index_name, index_value, key)
        SELECT collection, 'lane', COALESCE(value->>'lane', value->>'trigger'), key FROM vtn_records
        WHERE collection = 'decisions' AND value IS NOT NULL AND COALESCE(value->>'lane', value->>'trigger') IS NOT NULL
        ON CONFLICT DO NOTHING;
    `,
  },
  {
    version: 6,
    name: 'one-statement commit',
    sql: `
      -- A unit's writes, index rows and change notice in one statement (one round trip; a statement is atomic on
      -- its own). op per write: c create, u update at version e, d delete at version e, a must be absent,
      -- p upsert, x blind delete. A lost condition raises VTN01 with [collection, key] as detail: nothing applied.
      CREATE OR REPLACE FUNCTION vtn_commit(
        ops text[], cs text[], ks text[], js text[], ts text[], es int8[],
        clear_c text[], clear_k text[], rm_c text[], rm_n text[], rm_v text[], rm_k text[],
        add_c text[], add_n text[], add_v text[], add_k text[], channel text, payload text,
        OUT collections text[], OUT keys text[], OUT versions int8[]) LANGUAGE plpgsql AS $fn$
      DECLARE
        rc text[]; rk text[]; rv int8[]; want int; lost text;
      BEGIN
        collections := '{}'; keys := '{}'; versions := '{}';
        FOR step IN 1..6 LOOP
          rc := '{}'; rk := '{}'; rv := '{}';
          IF step = 1 THEN
            WITH done AS (INSERT INTO vtn_records (collection, key, value, value_text, version)
              SELECT u.c, u.k, u.j::jsonb, u.t, 1 FROM unnest(ops, cs, ks, js, ts) AS u(o, c, k, j, t) WHERE u.o = 'c'
              ON CONFLICT DO NOTHING RETURNING vtn_records.collection, vtn_records.key, vtn_records.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSIF step = 2 THEN
            WITH done AS (UPDATE vtn_records r SET value = u.j::jsonb, value_text = u.t, version = r.version + 1
              FROM unnest(ops, cs, ks, js, ts, es) AS u(o, c, k, j, t, e)
              WHERE u.o = 'u' AND r.collection = u.c AND r.key = u.k AND r.version = u.e RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSIF step = 3 THEN
            WITH done AS (DELETE FROM vtn_records r USING unnest(ops, cs, ks, es) AS u(o, c, k, e)
              WHERE u.o = 'd' AND r.collection = u.c AND r.key = u.k AND r.version = u.e RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSIF step = 4 THEN
            -- Read as absent and deleted: still absent, or another writer created it meanwhile.
            SELECT json_build_array(r.collection, r.key)::text INTO lost FROM vtn_records r
              JOIN unnest(ops, cs, ks) AS u(o, c, k) ON u.o = 'a' AND r.collection = u.c AND r.key = u.k LIMIT 1;
            IF lost IS NOT NULL THEN RAISE EXCEPTION 'write conflict' USING ERRCODE = 'VTN01', DETAIL = lost; END IF;
            CONTINUE;
          ELSIF step = 5 THEN
            WITH done AS (INSERT INTO vtn_records AS r (collection, key, value, value_text, version)
              SELECT u.c, u.k, u.j::jsonb, u.t, 1 FROM unnest(ops, cs, ks, js, ts) AS u(o, c, k, j, t) WHERE u.o = 'p'
              ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, value_text = EXCLUDED.value_text, version = r.version + 1
              RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSE
            WITH done AS (DELETE FROM vtn_records r USING unnest(ops, cs, ks) AS u(o, c, k)
              WHERE u.o = 'x' AND r.collection = u.c AND r.key = u.k RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          END IF;
          collections := collections || rc; keys := keys || rk; versions := versions || rv;
          -- Conditional kinds must hit every row they name.
          IF step <= 3 THEN
            SELECT count(*) INTO want FROM unnest(ops) AS o WHERE o = (ARRAY['c', 'u', 'd'])[step];
            IF want <> cardinality(rc) THEN
              SELECT json_build_array(u.c, u.k)::text INTO lost FROM unnest(ops, cs, ks) AS u(o, c, k)
                WHERE u.o = (ARRAY['c', 'u', 'd'])[step] AND NOT EXISTS (SELECT 1 FROM unnest(rc, rk) AS h(c, k) WHERE h.c = u.c AND h.k = u.k) LIMIT 1;
              RAISE EXCEPTION 'write conflict' USING ERRCODE = 'VTN01', DETAIL = coalesce(lost, '["?","?"]');
            END IF;
          END IF;
        END LOOP;
        IF cardinality(clear_k) > 0 THEN
          DELETE FROM vtn_index i USING unnest(clear_c, clear_k) AS d(c, k) WHERE i.collection = d.c AND i.key = d.k;
        END IF;
        IF cardinality(rm_k) > 0 THEN
          DELETE FROM vtn_index i USING unnest(rm_c, rm_n, rm_v, rm_k) AS d(c, n, v, k)
            WHERE i.collection = d.c AND i.index_name = d.n AND i.index_value = d.v AND i.key = d.k;
        END IF;
        IF cardinality(add_k) > 0 THEN
          INSERT INTO vtn_index (collection, index_name, index_value, key)
            SELECT * FROM unnest(add_c, add_n, add_v, add_k) ON CONFLICT DO NOTHING;
        END IF;
        -- Delivered to the other instances only if the statement commits.
        IF payload IS NOT NULL THEN PERFORM pg_notify(channel, payload); END IF;
      END
      $fn$;
    `,
  },
  {
    version: 7,
    name: 'commit runs only the steps it needs',
    sql: `
      -- Migration 6's vtn_commit, cheaper: a step runs only when some write is of its kind (a delivery update ran
      -- all six queries and three counts, each planned: about 2 ms of server CPU per commit), and the count of a
      -- kind is an expression, not a query. Same signature and behaviour.
      CREATE OR REPLACE FUNCTION vtn_commit(
        ops text[], cs text[], ks text[], js text[], ts text[], es int8[],
        clear_c text[], clear_k text[], rm_c text[], rm_n text[], rm_v text[], rm_k text[],
        add_c text[], add_n text[], add_v text[], add_k text[], channel text, payload text,
        OUT collections text[], OUT keys text[], OUT versions int8[]) LANGUAGE plpgsql AS $fn$
      DECLARE
        rc text[]; rk text[]; rv int8[]; want int; lost text;
      BEGIN
        collections := '{}'; keys := '{}'; versions := '{}';
        FOR step IN 1..6 LOOP
          IF NOT ((ARRAY['c', 'u', 'd', 'a', 'p', 'x'])[step] = ANY(ops)) THEN CONTINUE; END IF;
          rc := '{}'; rk := '{}'; rv := '{}';
          IF step = 1 THEN
            WITH done AS (INSERT INTO vtn_records (collection, key, value, value_text, version)
              SELECT u.c, u.k, u.j::jsonb, u.t, 1 FROM unnest(ops, cs, ks, js, ts) AS u(o, c, k, j, t) WHERE u.o = 'c'
              ON CONFLICT DO NOTHING RETURNING vtn_records.collection, vtn_records.key, vtn_records.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSIF step = 2 THEN
            WITH done AS (UPDATE vtn_records r SET value = u.j::jsonb, value_text = u.t, version = r.version + 1
              FROM unnest(ops, cs, ks, js, ts, es) AS u(o, c, k, j, t, e)
              WHERE u.o = 'u' AND r.collection = u.c AND r.key = u.k AND r.version = u.e RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSIF step = 3 THEN
            WITH done AS (DELETE FROM vtn_records r USING unnest(ops, cs, ks, es) AS u(o, c, k, e)
              WHERE u.o = 'd' AND r.collection = u.c AND r.key = u.k AND r.version = u.e RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSIF step = 4 THEN
            -- Read as absent and deleted: still absent, or another writer created it meanwhile.
            SELECT json_build_array(r.collection, r.key)::text INTO lost FROM vtn_records r
              JOIN unnest(ops, cs, ks) AS u(o, c, k) ON u.o = 'a' AND r.collection = u.c AND r.key = u.k LIMIT 1;
            IF lost IS NOT NULL THEN RAISE EXCEPTION 'write conflict' USING ERRCODE = 'VTN01', DETAIL = lost; END IF;
            CONTINUE;
          ELSIF step = 5 THEN
            WITH done AS (INSERT INTO vtn_records AS r (collection, key, value, value_text, version)
              SELECT u.c, u.k, u.j::jsonb, u.t, 1 FROM unnest(ops, cs, ks, js, ts) AS u(o, c, k, j, t) WHERE u.o = 'p'
              ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, value_text = EXCLUDED.value_text, version = r.version + 1
              RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          ELSE
            WITH done AS (DELETE FROM vtn_records r USING unnest(ops, cs, ks) AS u(o, c, k)
              WHERE u.o = 'x' AND r.collection = u.c AND r.key = u.k RETURNING r.collection, r.key, r.version)
            SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          END IF;
          collections := collections || rc; keys := keys || rk; versions := versions || rv;
          -- Conditional kinds must hit every row they name.
          IF step <= 3 THEN
            want := cardinality(array_positions(ops, (ARRAY['c', 'u', 'd'])[step]));
            IF want <> cardinality(rc) THEN
              SELECT json_build_array(u.c, u.k)::text INTO lost FROM unnest(ops, cs, ks) AS u(o, c, k)
                WHERE u.o = (ARRAY['c', 'u', 'd'])[step] AND NOT EXISTS (SELECT 1 FROM unnest(rc, rk) AS h(c, k) WHERE h.c = u.c AND h.k = u.k) LIMIT 1;
              RAISE EXCEPTION 'write conflict' USING ERRCODE = 'VTN01', DETAIL = coalesce(lost, '["?","?"]');
            END IF;
          END IF;
        END LOOP;
        IF cardinality(clear_k) > 0 THEN
          DELETE FROM vtn_index i USING unnest(clear_c, clear_k) AS d(c, k) WHERE i.collection = d.c AND i.key = d.k;
        END IF;
        IF cardinality(rm_k) > 0 THEN
          DELETE FROM vtn_index i USING unnest(rm_c, rm_n, rm_v, rm_k) AS d(c, n, v, k)
            WHERE i.collection = d.c AND i.index_name = d.n AND i.index_value = d.v AND i.key = d.k;
        END IF;
        IF cardinality(add_k) > 0 THEN
          INSERT INTO vtn_index (collection, index_name, index_value, key)
            SELECT * FROM unnest(add_c, add_n, add_v, add_k) ON CONFLICT DO NOTHING;
        END IF;
        -- Delivered to the other instances only if the statement commits.
        IF payload IS NOT NULL THEN PERFORM pg_notify(channel, payload); END IF;
      END
      $fn$;
    `,
  },
  {
    version: 8,
    name: 'group commit of several units',
    sql: `
      -- Several units of work in one statement and one transaction (group commit: one round trip and one WAL
      -- flush for all). The units' writes come concatenated, unit i's ending at the *_end[i] positions; each
      -- unit runs vtn_commit in a block of its own (a subtransaction), so a unit whose condition fails (or that
      -- fails otherwise) is rolled back alone and reported in codes[i] (SQLSTATE, NULL when it committed) with
      -- details[i] (VTN01: the [collection, key] lost; else the message); the others commit. units[j] names the
      -- unit of the j-th (collection, key, version) written.
      CREATE OR REPLACE FUNCTION vtn_commit_group(
        w_end int[], ops text[], cs text[], ks text[], js text[], ts text[], es int8[],
        clear_end int[], clear_c text[], clear_k text[],
        rm_end int[], rm_c text[], rm_n text[], rm_v text[], rm_k text[],
        add_end int[], add_c text[], add_n text[], add_v text[], add_k text[], channel text, payloads text[],
        OUT codes text[], OUT details text[], OUT units int[], OUT collections text[], OUT keys text[], OUT versions int8[])
      LANGUAGE plpgsql AS $fn$
      DECLARE
        r record; w0 int := 1; c0 int := 1; m0 int := 1; a0 int := 1; code text; said text; msg text;
      BEGIN
        codes := '{}'; details := '{}'; units := '{}'; collections := '{}'; keys := '{}'; versions := '{}';
        FOR i IN 1..coalesce(cardinality(w_end), 0) LOOP
          code := NULL;
          BEGIN
            SELECT * INTO r FROM vtn_commit(ops[w0:w_end[i]], cs[w0:w_end[i]], ks[w0:w_end[i]], js[w0:w_end[i]], ts[w0:w_end[i]], es[w0:w_end[i]],
              clear_c[c0:clear_end[i]], clear_k[c0:clear_end[i]],
              rm_c[m0:rm_end[i]], rm_n[m0:rm_end[i]], rm_v[m0:rm_end[i]], rm_k[m0:rm_end[i]],
              add_c[a0:add_end[i]], add_n[a0:add_end[i]], add_v[a0:add_end[i]], add_k[a0:add_end[i]], channel, payloads[i]);
          EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, said = PG_EXCEPTION_DETAIL, msg = MESSAGE_TEXT;
          END;
          codes := array_append(codes, code);
          IF code IS NULL THEN
            details := array_append(details, NULL::text);
            units := units || array_fill(i, ARRAY[cardinality(r.collections)]);
            collections := collections || r.collections; keys := keys || r.keys; versions := versions || r.versions;
          ELSE
            details := array_append(details, CASE WHEN code = 'VTN01' THEN said ELSE msg END);
          END IF;
          w0 := w_end[i] + 1; c0 := clear_end[i] + 1; m0 := rm_end[i] + 1; a0 := add_end[i] + 1;
        END LOOP;
      END
      $fn$;
    `,
  },
  {
    version: 9,
    name: 'set-based group commit',
    sql: `
      -- Migration 8's group commit without a function call and subtransaction per unit: units with disjoint keys
      -- (the caller groups them so), their writes in one (collection, key) order, each statement run once for the
      -- group. First the rows read at a version are locked in key order and each unit's conditions checked; the
      -- units that fail them (failed[]) write nothing, the others all commit. Anything unexpected (a create
      -- another writer made meanwhile, a refused value) raises, and the caller runs the group through
      -- vtn_commit_group, which judges unit by unit. us[j], clear_u, rm_u, add_u: the unit of each row.
      CREATE OR REPLACE FUNCTION vtn_commit_set(
        us int[], ops text[], cs text[], ks text[], js text[], ts text[], es int8[],
        clear_u int[], clear_c text[], clear_k text[],
        rm_u int[], rm_c text[], rm_n text[], rm_v text[], rm_k text[],
        add_u int[], add_c text[], add_n text[], add_v text[], add_k text[], channel text, payloads text[],
        OUT failed int[], OUT units int[], OUT collections text[], OUT keys text[], OUT versions int8[])
      LANGUAGE plpgsql AS $fn$
      DECLARE
        want int; got int; ru int[]; rc text[]; rk text[]; rv int8[];
      BEGIN
        units := '{}'; collections := '{}'; keys := '{}'; versions := '{}';
        WITH w AS (SELECT * FROM unnest(us, ops, cs, ks, es) AS w(u, o, c, k, e) WHERE w.o IN ('u', 'd', 'a', 'c')),
        locked AS MATERIALIZED (SELECT r.collection, r.key, r.version FROM vtn_records r
          WHERE (r.collection, r.key) IN (SELECT w.c, w.k FROM w) ORDER BY r.collection, r.key FOR UPDATE)
        SELECT coalesce(array_agg(DISTINCT w.u), '{}') INTO failed FROM w LEFT JOIN locked l ON l.collection = w.c AND l.key = w.k
          WHERE (w.o IN ('u', 'd') AND (l.version IS NULL OR l.version <> w.e)) OR (w.o IN ('a', 'c') AND l.version IS NOT NULL);
        IF 'c' = ANY(ops) THEN
          want := (SELECT count(*) FROM unnest(us, ops) AS w(u, o) WHERE w.o = 'c' AND w.u <> ALL(failed));
          WITH done AS (INSERT INTO vtn_records (collection, key, value, value_text, version)
            SELECT w.c, w.k, w.j::jsonb, w.t, 1 FROM unnest(us, ops, cs, ks, js, ts) AS w(u, o, c, k, j, t) WHERE w.o = 'c' AND w.u <> ALL(failed)
            ON CONFLICT DO NOTHING RETURNING vtn_records.collection, vtn_records.key, vtn_records.version)
          SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          IF cardinality(rc) <> want THEN RAISE EXCEPTION 'a record was created meanwhile' USING ERRCODE = 'VTN02'; END IF;
          collections := collections || rc; keys := keys || rk; versions := versions || rv;
        END IF;
        IF 'u' = ANY(ops) THEN
          want := (SELECT count(*) FROM unnest(us, ops) AS w(u, o) WHERE w.o = 'u' AND w.u <> ALL(failed));
          WITH done AS (UPDATE vtn_records r SET value = w.j::jsonb, value_text = w.t, version = r.version + 1
            FROM unnest(us, ops, cs, ks, js, ts, es) AS w(u, o, c, k, j, t, e)
            WHERE w.o = 'u' AND w.u <> ALL(failed) AND r.collection = w.c AND r.key = w.k AND r.version = w.e RETURNING r.collection, r.key, r.version)
          SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          IF cardinality(rc) <> want THEN RAISE EXCEPTION 'a locked record moved' USING ERRCODE = 'VTN02'; END IF;
          collections := collections || rc; keys := keys || rk; versions := versions || rv;
        END IF;
        IF 'd' = ANY(ops) THEN
          want := (SELECT count(*) FROM unnest(us, ops) AS w(u, o) WHERE w.o = 'd' AND w.u <> ALL(failed));
          WITH done AS (DELETE FROM vtn_records r USING unnest(us, ops, cs, ks, es) AS w(u, o, c, k, e)
            WHERE w.o = 'd' AND w.u <> ALL(failed) AND r.collection = w.c AND r.key = w.k AND r.version = w.e RETURNING r.key)
          SELECT count(*) INTO got FROM done;
          IF got <> want THEN RAISE EXCEPTION 'a locked record moved' USING ERRCODE = 'VTN02'; END IF;
        END IF;
        IF 'p' = ANY(ops) THEN
          WITH done AS (INSERT INTO vtn_records AS r (collection, key, value, value_text, version)
            SELECT w.c, w.k, w.j::jsonb, w.t, 1 FROM unnest(us, ops, cs, ks, js, ts) AS w(u, o, c, k, j, t) WHERE w.o = 'p' AND w.u <> ALL(failed)
            ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, value_text = EXCLUDED.value_text, version = r.version + 1
            RETURNING r.collection, r.key, r.version)
          SELECT coalesce(array_agg(d.collection), '{}'), coalesce(array_agg(d.key), '{}'), coalesce(array_agg(d.version), '{}') INTO rc, rk, rv FROM done d;
          collections := collections || rc; keys := keys || rk; versions := versions || rv;
        END IF;
        IF 'x' = ANY(ops) THEN
          DELETE FROM vtn_records r USING unnest(us, ops, cs, ks) AS w(u, o, c, k)
            WHERE w.o = 'x' AND w.u <> ALL(failed) AND r.collection = w.c AND r.key = w.k;
        END IF;
        IF cardinality(clear_k) > 0 THEN
          DELETE FROM vtn_index i USING unnest(clear_u, clear_c, clear_k) AS d(u, c, k) WHERE d.u <> ALL(failed) AND i.collection = d.c AND i.key = d.k;
        END IF;
        IF cardinality(rm_k) > 0 THEN
          DELETE FROM vtn_index i USING unnest(rm_u, rm_c, rm_n, rm_v, rm_k) AS d(u, c, n, v, k)
            WHERE d.u <> ALL(failed) AND i.collection = d.c AND i.index_name = d.n AND i.index_value = d.v AND i.key = d.k;
        END IF;
        IF cardinality(add_k) > 0 THEN
          INSERT INTO vtn_index (collection, index_name, index_value, key)
            SELECT d.c, d.n, d.v, d.k FROM unnest(add_u, add_c, add_n, add_v, add_k) AS d(u, c, n, v, k) WHERE d.u <> ALL(failed) ON CONFLICT DO NOTHING;
        END IF;
        -- The written rows' units, by (collection, key): keys are disjoint across the group's units.
        SELECT coalesce(array_agg(w.u ORDER BY o.i), '{}') INTO units
          FROM unnest(collections, keys) WITH ORDINALITY AS o(c, k, i) JOIN unnest(us, cs, ks) AS w(u, c, k) ON w.c = o.c AND w.k = o.k;
        PERFORM pg_notify(channel, p) FROM unnest(payloads) WITH ORDINALITY AS n(p, i) WHERE n.p IS NOT NULL AND n.i::int <> ALL(failed);
      END
      $fn$;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
