// The VTN with its OpenADR 3.1 API under load, in its own process (file store in a data directory, or the store the
// settings JSON names — PostgreSQL): seeds 3.1 ven
// objects and subscriptions through the Store for the runner, which then drives it over HTTP.
import { createVtn } from '../create-vtn.js';
import { installOpenadr3 } from '../openadr3/install-openadr3.js';
import { OA3 } from '../openadr3/objects/oa3-collections.js';
import { newMetadata } from '../openadr3/objects/object-metadata.js';
import type { StoreSettings } from '../store/index.js';
import { serveIpc } from './child-ipc.js';

export interface Oa3ChildReady { base: string; pid: number }

const [dataDir, vtnId, tokenSecret, storeJson] = process.argv.slice(2);
if (!dataDir || !vtnId || !tokenSecret) throw new Error('usage: oa3-vtn-child.js <dataDir> <vtnId> <tokenSecret> [store settings as JSON or ""]');
const store = storeJson ? (JSON.parse(storeJson) as StoreSettings) : undefined;

const vtn = await createVtn({ dataDir, host: '127.0.0.1', port: 0, vtnId, logger: false, ...(store ? { store } : {}) });
const handle = installOpenadr3(vtn, { tokenSecret, callbackAllow: ['http://127.0.0.1:'], webhooks: { verifyCallbacks: false } }, { projectDir: dataDir });
const url = await vtn.listen();
const base = `${new URL(url).origin}${handle.basePath}`;

/** Writes in units of this many records: bench setup, not measured. */
const BATCH = 500;

async function inBatches(count: number, write: (i: number, put: (collection: string, id: string, value: unknown) => void) => void): Promise<void> {
  for (let from = 0; from < count; from += BATCH) {
    await vtn.store.unit(async (u) => {
      for (let i = from; i < Math.min(count, from + BATCH); i++) write(i, (c, id, v) => u.collection(c).put(id, v));
    }, { label: 'bench seed' });
  }
}

serveIpc({
  /** A ven object per VEN client granting its group and `all`, as BL would write them. */
  seedVens: (args: { count: number; groups: number }) => inBatches(args.count, (i, put) => {
    const meta = newMetadata('VEN', new Date(), `bench-ven-obj-${i}`);
    put(OA3.vens, meta.id, { ...meta, venName: `bench-ven-${i}`, clientID: `bench-ven-${i}`, targets: [`group-${i % args.groups}`, 'all'] });
  }),
  /** One subscription per VEN client to EVENT CREATE with target `all`, calling the receiver. */
  seedSubscriptions: (args: { count: number; callbackUrl: string }) => inBatches(args.count, (i, put) => {
    const meta = newMetadata('SUBSCRIPTION', new Date(), `bench-sub-${i}`);
    put(OA3.subscriptions, meta.id, {
      ...meta, clientID: `bench-ven-${i}`, clientName: `bench-ven-${i}`, targets: ['all'],
      objectOperations: [{ objects: ['EVENT'], operations: ['CREATE'], callbackUrl: args.callbackUrl }],
    });
  }),
  webhooks: () => ({ ...handle.webhooks.outcomes, queued: handle.webhooks.queue.queued }),
  memory: () => process.memoryUsage(),
}, { base, pid: process.pid } satisfies Oa3ChildReady, () => {
  vtn.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
});
