// A VEN chooses its push target, so the VTN refuses targets it must not call: at registration when the address
// says so, at push time when a name resolves there, and a redirect is never followed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { TestVen, responseCode, responseDescription } from '../../helpers/test-ven.js';
import { PushVen } from '../../helpers/push-ven.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function vtnWith(allowLoopback: boolean): Promise<RunningTestVtn> {
  const vtn = await startTestVtn({ push: { allowLoopback } });
  cleanup.push(() => vtn.close());
  return vtn;
}

describe('push target validation', () => {
  it('refuses metadata, the VTN\'s own port, other schemes and loopback when not allowed, and stores nothing', async () => {
    const vtn = await vtnWith(true);
    const port = new URL(vtn.baseUrl).port;
    const cases: [string, RegExp][] = [
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      [`http://127.0.0.1:${port}/OpenADR2/Simple/2.0b`, new RegExp(`own port ${port}`)],
      ['gopher://ven.example/', /http\(s\)/],
      ['http://[::ffff:169.254.169.254]/', /link-local/],
    ];
    for (const [address, why] of cases) {
      const reply = await new TestVen({ baseUrl: vtn.baseUrl, venName: `bad-${address.length}` }).register({ httpPullModel: false, transportAddress: address });
      expect(responseCode(reply), address).toBe('454');
      expect(responseDescription(reply), address).toMatch(why);
    }
    const strict = await vtnWith(false);
    const loop = await new TestVen({ baseUrl: strict.baseUrl, venName: 'loop' }).register({ httpPullModel: false, transportAddress: 'http://127.0.0.1:9/x' });
    expect(responseDescription(loop)).toMatch(/push.allowLoopback/);
    expect(await vtn.vtn.listVens()).toEqual([]);
    expect(await strict.vtn.listVens()).toEqual([]);
  }, 20_000);

  it('a name that resolves to loopback passes registration but is refused at push time; the message waits for a poll', async () => {
    const vtn = await vtnWith(false);
    const ven = await PushVen.start({ client: new TestVen({ baseUrl: vtn.baseUrl, venName: 'by-name' }) });
    cleanup.push(() => ven.close());
    const address = ven.transportAddress.replace('127.0.0.1', 'localhost');
    expect(responseCode(await ven.register({ transportAddress: address }))).toBe('200');
    const venId = ven.client.venId!;
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport']));
    expect((await vtn.vtn.push.status(venId))?.lastError).toMatch(/push target refused: localhost resolves to the loopback address/);
    expect(ven.received).toEqual([]);
    expect((await ven.client.poll()).type).toBe('oadrRegisterReport');
  });

  it('a redirect is not followed: the push counts as refused and the redirect target hears nothing', async () => {
    const vtn = await vtnWith(true);
    let elsewhere = 0;
    const other = createServer((_req, res) => { elsewhere++; res.end(); });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => other.close(() => resolve())));
    const location = `http://127.0.0.1:${(other.address() as AddressInfo).port}/EiReport`;
    const ven = await PushVen.start({
      client: new TestVen({ baseUrl: vtn.baseUrl, venName: 'redirects' }),
      responder: () => ({ status: 307, headers: { location } }),
    });
    cleanup.push(() => ven.close());
    expect(responseCode(await ven.register())).toBe('200');
    const venId = ven.client.venId!;
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport']));
    expect((await vtn.vtn.push.status(venId))?.lastError).toMatch(/HTTP 307.*redirects are not followed/);
    expect(ven.received).toHaveLength(1);
    expect(elsewhere).toBe(0);
  });
});
