// NoticeSender (src/store/postgres/notice-sender.ts): a lone notice goes at once; notices queued while one is in
// flight or within the gap after it go together in the next statement, never sooner than the gap.
import { expect, it } from 'vitest';
import { decodeNotice } from '../../../src/store/postgres/notice-channel.js';
import { NoticeSender } from '../../../src/store/postgres/notice-sender.js';
import type { ChangeNotice } from '../../../src/store/store.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const notice = (venId: string): ChangeNotice => ({ collections: ['deliveries'], venIds: [venId], origin: 'local' });

it('sends a lone notice at once and what queued meanwhile as one statement, a gap later', async () => {
  const sent: { at: number; payloads: string[]; done: () => void }[] = [];
  const query = <R>(_sql: string, params: unknown[]) => new Promise<R[]>((resolve) => {
    sent.push({ at: performance.now(), payloads: params[1] as string[], done: () => resolve([]) });
  });
  const sender = new NoticeSender(query, 'me', quiet, 40);
  sender.send(notice('v1'));
  expect(sent).toHaveLength(1); // no waiting for company
  sender.send(notice('v2'));
  sender.send(notice('v3'));
  sent[0]!.done();
  const flushed = sender.flush();
  await expect.poll(() => sent.length).toBe(2);
  sent[1]!.done();
  await flushed;
  expect(sent).toHaveLength(2);
  expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(39);
  const heard = sent[1]!.payloads.map((p) => decodeNotice('another', p)!);
  expect(heard.flatMap((n) => n.venIds).sort()).toEqual(['v2', 'v3']);
  expect(sender.statements).toBe(2);
});
