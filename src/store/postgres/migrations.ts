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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
