// The lookup of one record by its key that every read joining index rows (or keys) to records goes through.

/**
 * One record by its key, as a subquery of its own (OFFSET 0 keeps the planner from merging it into the join): the
 * key is then an outer value the planner cannot estimate, so it always looks the record up by (collection, key).
 * As a plain join, statistics taken before a fan-out (no deliveries yet) made a scan of the whole collection per
 * index row cost the same, and the planner took it: one find of 10,000 deliveries ran 24 s instead of 0.03 s.
 */
export const RECORD_BY_KEY = (collection: string, key: string, columns: string) =>
  `SELECT ${columns} FROM vtn_records r WHERE r.collection = ${collection} AND r.key = ${key} OFFSET 0`;
