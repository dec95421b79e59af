// Hot reload: valid change swapped in, invalid change refused (last good keeps running, error visible),
// rapid successive edits debounced into one reload, a deleted file's rules gone.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { installPolicy, type PolicyHandle } from '../../../src/rules/index.js';
import { policyProject, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
let handle: PolicyHandle | undefined;
afterEach(() => {
  handle?.close();
  handle = undefined;
  p?.dispose();
});

async function vtnWithPolicy(opts: { watch?: boolean } = {}) {
  p = policyProject();
  const store = new MemoryStore();
  await store.open();
  const vtn = new Vtn({ logger: false }, store, { info() {}, warn() {}, error() {}, debug() {} });
  handle = installPolicy(vtn, { baseDir: p.root, watch: opts.watch ?? false, debounceMs: 50 });
  return { vtn, handle };
}

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for the reload');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('policy reload', () => {
  it('installs the shipped policy: rules per trigger, a version hash, no errors', async () => {
    const { handle } = await vtnWithPolicy();
    const s = handle.status();
    expect(s).toMatchObject({ ok: true, rules: { registration: 3, reportSubscription: 3, telemetry: 1, opt: 2 }, errors: [], reloads: { succeeded: 1, failed: 0, lastOk: true } });
    expect(s.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('refuses to install an invalid policy with E_POLICY listing file:line:column', async () => {
    p = policyProject();
    p.edit('rules/telemetry.json', '"greaterThan"', '"biggerThan"');
    const vtn = new Vtn({ logger: false }, new MemoryStore(), { info() {}, warn() {}, error() {}, debug() {} });
    expect(() => installPolicy(vtn, { baseDir: p.root })).toThrow(/E_POLICY|rules\/telemetry\.json:\d+:\d+  P_UNKNOWN_VALUE/);
  });

  it('a valid change is swapped in; an invalid one keeps the last good version and says why', async () => {
    const { handle } = await vtnWithPolicy();
    const v1 = handle.status().version;
    p.edit('rules/registration.json', '"enabled": true', '"enabled": false');
    const s2 = handle.reload();
    expect(s2).toMatchObject({ ok: true, reloads: { succeeded: 2, failed: 0 }, rules: { registration: 2 } });
    expect(s2.version).not.toBe(v1);
    p.edit('rules/registration.json', '"operator": "equal"', '"operator": "eqaul"');
    const s3 = handle.reload();
    expect(s3.ok).toBe(false);
    expect(s3.reloads).toMatchObject({ succeeded: 2, failed: 1, lastOk: false, lastFailureAt: s3.lastAttemptAt });
    expect(s3.version).toBe(s2.version);
    expect(s3.errors[0]).toMatchObject({ file: 'rules/registration.json', code: 'P_UNKNOWN_VALUE', suggestion: 'did you mean equal?' });
    expect(s3.errors[0]!.line).toBeGreaterThan(1);
    expect(handle.policy.rules.registration.filter((r) => r.enabled !== false)).toHaveLength(2);
  });

  it('watching: rapid successive edits become one reload with the final content; a deleted file takes its rules away', async () => {
    const { handle } = await vtnWithPolicy({ watch: true });
    for (let i = 2; i <= 6; i++) p.edit('rules/telemetry.json', `"value": ${i === 2 ? 800 : (i - 1) * 100 + 800}`, `"value": ${i * 100 + 800}`);
    await waitFor(() => handle.status().reloads.succeeded >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(handle.status().reloads.succeeded).toBe(2);
    const cond = handle.policy.rules.telemetry[0]!.conditions.all![0] as { value: number };
    expect(cond.value).toBe(1400);
    p.remove('rules/opt.json');
    await waitFor(() => handle.status().reloads.succeeded >= 3);
    expect(handle.status()).toMatchObject({ ok: true, rules: { opt: 0 } });
    expect(handle.status().files).not.toContain('rules/opt.json');
  });

  it('watching: a broken catalogue is refused and fixing it is picked up', async () => {
    const { handle } = await vtnWithPolicy({ watch: true });
    p.edit('config/vens.json', '"venName": "pine-school"', '"venName": "maple-st-bldg-3"');
    await waitFor(() => !handle.status().ok);
    expect(handle.status().errors[0]).toMatchObject({ file: 'config/vens.json', code: 'P_DUPLICATE_VEN' });
    p.edit('config/vens.json', '"venName": "maple-st-bldg-3",\n      "groups": ["residential", "feeder-9"]', '"venName": "pine-school",\n      "groups": ["residential", "feeder-9"]');
    await waitFor(() => handle.status().ok);
    expect(handle.status().reloads).toMatchObject({ succeeded: 2, failed: 1 });
  });
});
