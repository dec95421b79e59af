// Committed rows of a local store read straight from its tables (no copies; records are never mutated in place).
import type { KeyedRow, Row, RowSource } from '../unit/row-source.js';
import { LocalTable } from './local-table.js';

export class LocalSource implements RowSource {
  readonly tables = new Map<string, LocalTable>();

  table(name: string): LocalTable {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new LocalTable(name)));
    return t;
  }

  async get(collection: string, key: string): Promise<Row | undefined> {
    return this.tables.get(collection)?.rows.get(key);
  }

  async getMany(collection: string, keys: readonly string[]): Promise<Map<string, Row>> {
    const out = new Map<string, Row>();
    const rows = this.tables.get(collection)?.rows;
    if (!rows) return out;
    for (const key of keys) {
      const row = rows.get(key);
      if (row) out.set(key, row);
    }
    return out;
  }

  async find(collection: string, index: string, value: string, limit: number | undefined): Promise<KeyedRow[]> {
    const table = this.tables.get(collection);
    if (!table) return [];
    const keys = [...table.keysFor(index, value)].sort();
    return rowsOf(table, limit === undefined ? keys : keys.slice(0, limit));
  }

  async range(collection: string, index: string, from: string | undefined, to: string | undefined, limit: number | undefined): Promise<KeyedRow[]> {
    const table = this.tables.get(collection);
    if (!table) return [];
    const pairs = table.rangeKeys(index, from, to);
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const [, key] of pairs) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
      if (limit !== undefined && keys.length >= limit) break;
    }
    return rowsOf(table, keys);
  }

  async list(collection: string, after: string | undefined, limit: number | undefined): Promise<KeyedRow[]> {
    const table = this.tables.get(collection);
    if (!table) return [];
    const keys = [...table.rows.keys()].filter((k) => after === undefined || k > after).sort();
    return rowsOf(table, limit === undefined ? keys : keys.slice(0, limit));
  }

  async count(collection: string): Promise<number> {
    return this.tables.get(collection)?.rows.size ?? 0;
  }
}

function rowsOf(table: LocalTable, keys: readonly string[]): KeyedRow[] {
  return keys.map((key) => ({ key, ...table.rows.get(key)! }));
}
