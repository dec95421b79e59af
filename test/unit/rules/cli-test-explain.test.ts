// vtn test (PASS/FAIL lines, readable diff, exit codes) and vtn explain (stored decision, listing, dry run).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explain } from '../../../src/rules/cli/explain-command.js';
import { runRuleTests } from '../../../src/rules/cli/run-rule-tests.js';
import { FileStore } from '../../../src/store/file-store.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { installPolicy } from '../../../src/rules/index.js';
import { policyProject, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
const temp: string[] = [];
afterEach(() => {
  p?.dispose();
  for (const d of temp.splice(0)) rmSync(d, { recursive: true, force: true });
});

const silent = { info() {}, warn() {}, error() {}, debug() {} };

describe('vtn test', () => {
  it('the shipped rule tests pass: one PASS line each, a summary, exit 0', async () => {
    p = policyProject();
    const files = ['registration', 'report-subscriptions', 'telemetry', 'opt'].map((n) => `rules/tests/${n}.test.json`);
    const r = await runRuleTests(files, p.root);
    expect(r.exitCode).toBe(0);
    expect(r.failed).toBe(0);
    expect(r.passed).toBeGreaterThanOrEqual(12);
    expect(r.lines.at(-1)).toBe(`${r.passed} passed, 0 failed`);
    expect(r.lines.filter((l) => l.startsWith('PASS  rules/tests/'))).toHaveLength(r.passed);
  });

  it('a rule change that breaks a test prints FAIL with expected and actual, and exits 1', async () => {
    p = policyProject();
    p.edit('rules/report-subscriptions.json', '"samplingInterval": "PT1M", "reportingInterval": "PT1M"', '"samplingInterval": "PT5M", "reportingInterval": "PT1M"');
    const r = await runRuleTests(['rules/tests/report-subscriptions.test.json'], p.root);
    expect(r.exitCode).toBe(1);
    const i = r.lines.indexOf('FAIL  rules/tests/report-subscriptions.test.json › real power is sampled every minute');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.lines[i + 1]).toBe('    decisions.subscribe.samplingInterval\n      expected: "PT1M"\n      actual:   "PT5M"');
    expect(r.lines.at(-1)).toBe('3 passed, 1 failed');
  });

  it('expected rules that did not fire are named; a test file that breaks its schema is reported at its line', async () => {
    p = policyProject();
    p.write('rules/tests/x.test.json', { tests: [{ name: 'wrong', trigger: 'registration', given: { 'ven.name': 'nobody' }, expect: { rules: ['catalogue VENs with a matching certificate'] } }] });
    const r = await runRuleTests(['rules/tests/x.test.json'], p.root);
    expect(r.lines.join('\n')).toContain('- did not fire: catalogue VENs with a matching certificate');
    expect(r.lines.join('\n')).toContain('+ fired too:    DEMO open enrollment');
    p.write('rules/tests/y.test.json', '{ "tests": [ { "name": "t", "trigger": "registraton", "given": {}, "expect": {} } ] }');
    const bad = await runRuleTests(['rules/tests/y.test.json'], p.root);
    expect(bad.exitCode).toBe(1);
    expect(bad.lines[0]).toMatch(/^rules\/tests\/y\.test\.json:1:40  P_UNKNOWN_VALUE  "registraton" is not allowed .* \(did you mean registration\?\)$/);
  });
});

describe('vtn explain', () => {
  it('reads a decision from the state folder of a running VTN and shows rules, fact values and results', async () => {
    p = policyProject();
    const dataDir = mkdtempSync(join(tmpdir(), 'vtn-explain-'));
    temp.push(dataDir);
    const store = new FileStore({ dataDir, compactIntervalMs: 0 });
    await store.open();
    const vtn = new Vtn({ logger: false }, store, silent);
    const handle = installPolicy(vtn, { baseDir: p.root });
    const decide = vtn.ctx.handlers.get('onCreatePartyRegistration')!;
    await decide({ venName: 'oak-ave-plant', fingerprint: '7A:1C:03:9E:44:D2:5B:90:0F:EE', profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, requestId: 'q' });
    const id = (await handle.decisions.list())[0]!.id;
    // The store stays open (lock held), as with a running VTN.
    const shown = await explain(id, { dataDir, dir: p.root });
    expect(shown.exitCode).toBe(0);
    const text = shown.lines.join('\n');
    expect(text).toContain(`decision ${id}  trigger registration`);
    expect(text).toContain('outcome: rejected 463: this certificate belongs to another VEN');
    expect(text).toContain('rejectRegistration {"code":463,"reason":"this certificate belongs to another VEN"}  ← rule "certificate of another VEN"');
    expect(text).toMatch(/✔ certificate of another VEN  \(priority 30, rules\/registration\.json\)  FIRED\n\s+✔ all\[0\]  certificate\.knownElsewhere = true  equal true/);
    expect(text).toMatch(/✖ all\[1\]  certificate\.matchesCatalogue = false  equal true/);
    const list = await explain(undefined, { dataDir, dir: p.root });
    expect(list.lines[0]).toMatch(new RegExp(`^${id}  .* registration .* oak-ave-plant  rejected 463`));
    expect((await explain('d-nope', { dataDir, dir: p.root })).exitCode).toBe(1);
    await store.close();
  });

  it('--trigger, --ven (venId or venName) and --limit filter the stored decisions, newest first', async () => {
    p = policyProject();
    const dataDir = mkdtempSync(join(tmpdir(), 'vtn-explain-filter-'));
    temp.push(dataDir);
    const store = new FileStore({ dataDir, compactIntervalMs: 0 });
    await store.open();
    const vtn = new Vtn({ logger: false }, store, silent);
    const handle = installPolicy(vtn, { baseDir: p.root });
    const at = (i: number) => new Date(Date.parse('2026-06-01T12:00:00Z') + i * 1000).toISOString();
    const ev = (trigger: 'telemetry' | 'opt', i: number) => ({ trigger, policyVersion: 'v1', at: at(i), facts: {}, fired: [], trace: [], decisions: [] });
    await store.unit(async (u) => { u.vens.put('VEN-7', { venId: 'VEN-7', venName: 'maple-3', registrationId: 'r7', profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: at(0) }); });
    for (let i = 0; i < 5; i += 1) await handle.decisions.record(ev('telemetry', i), 'VEN-7', [`telemetry ${i}`]);
    await handle.decisions.record(ev('opt', 10), 'VEN-7', ['opt 10']);
    await handle.decisions.record(ev('telemetry', 11), 'VEN-8', ['other VEN']);
    const outcomes = async (o: { trigger?: string; ven?: string; limit?: string }) => (await explain(undefined, { dataDir, dir: p.root, ...o })).lines.map((l) => l.split('  ').at(-1));
    expect(await outcomes({ trigger: 'telemetry', ven: 'maple-3', limit: '3' })).toEqual(['telemetry 4', 'telemetry 3', 'telemetry 2']);
    expect(await outcomes({ ven: 'VEN-7', limit: '2' })).toEqual(['opt 10', 'telemetry 4']);
    expect(await outcomes({ trigger: 'opt' })).toEqual(['opt 10']);
    expect(await outcomes({ ven: 'nobody' })).toEqual(['no decisions match --ven nobody']);
    await expect(explain(undefined, { dataDir, dir: p.root, trigger: 'poll' })).rejects.toThrow(/--trigger poll.*registration, reportSubscription, telemetry, opt/);
    await expect(explain(undefined, { dataDir, dir: p.root, limit: 'ten' })).rejects.toThrow(/--limit/);
    await store.close();
  });

  it('--facts runs the rules over given facts without a VTN', async () => {
    p = policyProject();
    const facts = join(p.root, 'facts.json');
    writeFileSync(facts, JSON.stringify({ trigger: 'telemetry', given: { 'ven.id': 'VEN-MAPLE-3', 'group.sum': 1200, 'group.activeEvents': 0 } }));
    const r = await explain(undefined, { dataDir: 'unused', facts, dir: p.root });
    const text = r.lines.join('\n');
    expect(text).toMatch(/^dry run  trigger telemetry/);
    expect(text).toContain('createEvent {"template":"shed-level-2"');
    expect(text).toMatch(/✔ all\[0\]  group\.sum\{"group":"feeder-7","measurement":"powerReal","window":"PT15M"\} = 1200  greaterThan 800/);
    writeFileSync(facts, JSON.stringify({ given: {} }));
    await expect(explain(undefined, { dataDir: 'unused', facts, dir: p.root })).rejects.toThrow(/trigger/);
  });
});
