// Runs a store read with each of its statements explained first (EXPLAIN ANALYZE), so a test can check the plan
// PostgreSQL chose for it: what each scan read and threw away.
import pg from 'pg';
import { withClient } from '../../src/store/postgres/pg-connection.js';
import type { Query } from '../../src/store/postgres/pg-row-source.js';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

/** The node and every node under it. */
export function* planNodes(n: PlanNode): Iterable<PlanNode> {
  yield n;
  for (const c of n.Plans ?? []) yield* planNodes(c);
}

/** `read`'s answer, and the plan of each statement it sent (in order), on one connection to `url`. */
export async function explainedRead<T>(url: string, read: (query: Query) => Promise<T>): Promise<{ out: T; plans: PlanNode[] }> {
  const plans: PlanNode[] = [];
  const out = await withClient(url, (client: pg.Client) => {
    const query: Query = async <R>(sql: string, params: unknown[]) => {
      const [row] = (await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)).rows;
      plans.push(row!['QUERY PLAN'][0].Plan);
      return (await client.query(sql, params)).rows as R[];
    };
    return read(query);
  });
  return { out, plans };
}
