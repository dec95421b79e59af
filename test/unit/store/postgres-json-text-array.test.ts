// The commit's record values go to PostgreSQL as one text[] literal built with JSON.stringify (pg-encoding.ts):
// PostgreSQL must read back exactly the JSON texts sent, whatever they hold, and the store must return the values.
import { expect, it } from 'vitest';
import { jsonTextArray, encodeValue } from '../../../src/store/postgres/pg-encoding.js';
import { describePostgres } from '../../helpers/postgres.js';
import { postgresStores } from '../../helpers/postgres-stores.js';
import { recordingLogger } from './store-test-kit.js';

const awkward: unknown[] = [
  { s: 'plain' }, { s: 'say "hi"' }, { s: 'back\\slash \\" and \\\\' }, { s: '{a,b}' }, { s: 'NULL' }, { s: '' }, 'NULL', '',
  { s: 'line\nbreak\ttab\r' }, { s: 'nul \u0000 and \u0001' }, { s: 'lone \ud800 surrogate' }, { s: 'ünïcödé ☃ 𝄞' }, { n: -1.5e-7, b: true, z: null },
  [1, [2, [3]]], { s: ' spaces around ' }, { k: '\u2028\u2029' },
];

describePostgres('PostgreSQL: record values as one text[] literal', (db) => {
  const open = postgresStores(db, () => ({ logger: recordingLogger() }));

  it('PostgreSQL reads back exactly the JSON texts (and nulls) sent', async () => {
    const texts = [...awkward.map((v) => JSON.stringify(v)), null, JSON.stringify('x')];
    const [row] = await db.sql<{ a: (string | null)[] }>('SELECT $1::text[] AS a', [jsonTextArray(texts)]);
    expect(row!.a).toEqual(texts);
    const [empty] = await db.sql<{ a: string[] }>('SELECT $1::text[] AS a', [jsonTextArray([])]);
    expect(empty!.a).toEqual([]);
  });

  it('values of every kind survive a grouped and a single commit and a fresh read', async () => {
    const store = await open();
    // Several units in one turn: the group commit (vtn_commit_set) carries them.
    await Promise.all(awkward.map((v, i) => store.unit(async (u) => { u.collection<unknown>('things').put(`k${i}`, { v, i }); })));
    // One unit alone: vtn_commit.
    await store.unit(async (u) => { u.collection<unknown>('things').put('single', { v: awkward }); });
    const fresh = await open();
    for (const [i, v] of awkward.entries()) expect(await fresh.unit((u) => u.collection<unknown>('things').get(`k${i}`))).toEqual({ v, i });
    expect(await fresh.unit((u) => u.collection<unknown>('things').get('single'))).toEqual({ v: awkward });
    // The lone surrogate and \u0000 values went to the text column; the others to jsonb.
    expect(encodeValue({ s: 'nul \u0000' }).json).toBeNull();
  });
});
