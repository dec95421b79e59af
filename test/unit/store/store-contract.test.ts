// The Store contract, one suite run over every store: memory, file, and PostgreSQL (VTN_TEST_DATABASE_URL).
import { describe } from 'vitest';
import type { StoreKind } from '../../../src/store/index.js';
import { describePostgres } from '../../helpers/postgres.js';
import { concurrencyContract } from './contract/concurrency-contract.js';
import { coordinationContract } from './contract/coordination-contract.js';
import { harness, type Harness } from './contract/harness.js';
import { prefetchContract } from './contract/prefetch-contract.js';
import { readWriteContract } from './contract/read-write-contract.js';

function contract(h: Harness): void {
  readWriteContract(h);
  concurrencyContract(h);
  coordinationContract(h);
  prefetchContract(h);
}

describe.each<StoreKind>(['memory', 'file', 'postgres'])('%s store', (kind) => {
  if (kind === 'postgres') describePostgres('on PostgreSQL', (db) => contract(harness(kind, db)));
  else contract(harness(kind));
});
