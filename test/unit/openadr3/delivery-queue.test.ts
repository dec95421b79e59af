// Webhook delivery lanes: in order per subscription, bounded per subscription and overall, retries with doubling
// backoff on a controlled clock, a concurrency limit, and a refusal that is not retried.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryQueue, type DeliveryJob, type QueueLimits, type SendResult } from '../../../src/openadr3/notify/delivery-queue.js';

const LIMITS: QueueLimits = { concurrency: 4, queueLimit: 100, perSubscriptionQueue: 10, attempts: 3, retryBackoffMs: 1000 };
const job = (subscriptionId: string, n: number): DeliveryJob => ({ subscriptionId, url: 'https://r.example/', body: String(n) });

/** A sender whose answers the test gives, one pending promise per request. */
function heldSender() {
  const calls: { job: DeliveryJob; answer: (r: SendResult) => void }[] = [];
  const send = (j: DeliveryJob) => new Promise<SendResult>((answer) => calls.push({ job: j, answer }));
  return { calls, send };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

afterEach(() => vi.useRealTimers());

describe('DeliveryQueue', () => {
  it('keeps one request in flight per subscription and at most `concurrency` over all', async () => {
    const s = heldSender();
    const q = new DeliveryQueue({ ...LIMITS, concurrency: 2 }, s.send, () => new Date());
    for (const id of ['a', 'a', 'b', 'c']) q.enqueue(job(id, 1));
    expect(s.calls.map((c) => c.job.subscriptionId)).toEqual(['a', 'b']);
    s.calls[0]!.answer({ ok: true });
    await flush();
    expect(s.calls.map((c) => c.job.subscriptionId)).toEqual(['a', 'b', 'c']);
    s.calls[1]!.answer({ ok: true });
    await flush();
    expect(s.calls.map((c) => c.job.subscriptionId)).toEqual(['a', 'b', 'c', 'a']);
    q.close();
  });

  it('bounds each subscription\'s lane (the oldest waiting goes) and all lanes together (new ones are dropped)', async () => {
    const s = heldSender();
    const q = new DeliveryQueue({ ...LIMITS, perSubscriptionQueue: 2, queueLimit: 3 }, s.send, () => new Date());
    const outcomes: string[] = [];
    q.onOutcome((o) => outcomes.push(o));
    for (let n = 1; n <= 5; n++) q.enqueue(job('slow', n));
    expect(q.state('slow')).toMatchObject({ queued: 2, dropped: 3, inFlight: true });
    expect(q.enqueue(job('other', 1))).toBe(true);
    expect(q.enqueue(job('third', 1))).toBe(false);
    expect(q.queued).toBe(3);
    s.calls[0]!.answer({ ok: true });
    await flush();
    // The one in flight (1) and the newest (5) survive.
    expect(s.calls.filter((c) => c.job.subscriptionId === 'slow').map((c) => c.job.body)).toEqual(['1', '5']);
    expect(outcomes.filter((o) => o === 'dropped')).toHaveLength(4);
    q.close();
  });

  it('retries with doubling backoff, then gives the notification up and goes on with the next', async () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const answers: SendResult[] = [{ ok: false, error: 'HTTP 503', retry: true }, { ok: false, error: 'HTTP 503', retry: true }, { ok: false, error: 'HTTP 503', retry: true }, { ok: true }];
    const q = new DeliveryQueue(LIMITS, async () => { sent.push(Date.now()); return answers.shift()!; }, () => new Date());
    const t0 = Date.now();
    q.enqueue(job('a', 1));
    q.enqueue(job('a', 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    // The third try fails too: given up, and the second notification goes at once.
    expect(sent.map((t) => t - t0)).toEqual([0, 1000, 3000, 3000]);
    expect(q.state('a')).toMatchObject({ failed: 1, delivered: 1, consecutiveFailures: 0, queued: 0 });
    q.close();
  });

  it('does not retry a refusal, and forgets a deleted subscription\'s waiting notifications', async () => {
    const s = heldSender();
    const q = new DeliveryQueue(LIMITS, s.send, () => new Date());
    q.enqueue(job('a', 1));
    q.enqueue(job('a', 2));
    s.calls[0]!.answer({ ok: false, error: 'HTTP 401', retry: false });
    await flush();
    expect(q.state('a')).toMatchObject({ refused: 1, queued: 1, lastError: 'HTTP 401' });
    q.enqueue(job('a', 3));
    q.forget('a');
    expect(q.queued).toBe(1);
    s.calls[1]!.answer({ ok: true });
    await flush();
    expect(q.queued).toBe(0);
    expect(q.state('a')).toBeUndefined();
    expect(s.calls).toHaveLength(2);
    q.close();
  });
});
