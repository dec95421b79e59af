// vtn test scenario files: VEN actions over a clock against an in-memory VTN with the policy → expected
// answers and events; PASS/FAIL lines with the failing step, readable differences, exit codes.
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerTestCommand } from '../../../src/commands/test.js';
import { checkProject, renderCheck } from '../../../src/rules/cli/check-project.js';
import { runRuleTests } from '../../../src/rules/cli/run-rule-tests.js';
import { policyProject, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
afterEach(() => {
  p?.dispose();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const SHIPPED = 'rules/tests/feeder-7.scenario.json';
const run = (...files: string[]) => runRuleTests(files, p.root);
const scenario = (steps: object[], extra: object = {}) => ({ scenarios: [{ name: 'custom', start: '2026-07-01T15:00:00Z', steps, ...extra }] });

describe('vtn test: scenarios', () => {
  it('the shipped feeder-7 scenario passes against the shipped policy: PASS per scenario, exit 0', async () => {
    p = policyProject();
    const r = await run(SHIPPED);
    expect(r.lines).toEqual([
      `PASS  ${SHIPPED} › a feeder 7 overload creates exactly one level-2 event for the group`,
      `PASS  ${SHIPPED} › a VEN presenting another VEN's certificate is refused, even with open enrollment`,
      '2 passed, 0 failed',
    ]);
    expect(r.exitCode).toBe(0);
  });

  it('a raised threshold makes the event expectation fail: the step, expected and actual counts, the events and the latest decisions', async () => {
    p = policyProject();
    p.edit('rules/telemetry.json', '"operator": "greaterThan", "value": 800', '"operator": "greaterThan", "value": 2000');
    const r = await run(SHIPPED);
    expect(r.exitCode).toBe(1);
    const i = r.lines.indexOf(`FAIL  ${SHIPPED} › a feeder 7 overload creates exactly one level-2 event for the group`);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.lines.slice(i + 1, i + 6)).toEqual([
      '    step 9 expectEvents (at 2026-07-01T15:01:00.000Z)',
      '      expectEvents[0] {"group":"feeder-7","signal":"SIMPLE","level":2,"rule":"feeder 7 overload"}',
      '        expected: 1 matching event',
      '        actual:   0 matching events',
      '      expectEvents[1] {"ven":"maple-st-bldg-3"}',
    ]);
    expect(r.lines).toContain('      events in the VTN: none');
    expect(r.lines).toContain('      latest policy decisions:');
    expect(r.lines.at(-1)).toBe('1 passed, 1 failed');
  });

  it('an event that should not exist is listed with its signal, targets, status and rule', async () => {
    p = policyProject();
    p.write('rules/tests/quiet.scenario.json', scenario([
      { ven: 'maple-st-bldg-3', register: {} },
      { ven: 'oak-ave-plant', register: {} },
      { ven: 'maple-st-bldg-3', telemetry: { value: 900 } },
      { expectEvents: [] },
    ]));
    const r = await run('rules/tests/quiet.scenario.json');
    expect(r.exitCode).toBe(1);
    const text = r.lines.join('\n');
    expect(text).toContain('    step 4 expectEvents (at 2026-07-01T15:00:00.000Z)\n      expectEvents []\n        expected: no event\n        actual:   1 event(s)');
    expect(text).toMatch(/\n {8}\S+ {2}SIMPLE 2 for groups feeder-7 VENs VEN-MAPLE-3, VEN-OAK-PLANT, near, http:\/\/utility\.example\/programs\/feeder-relief, starts 2026-07-01T15:05:00\.000Z, rule "feeder 7 overload"/);
  });

  it('registration outcomes: a refusal where acceptance was expected shows the code and reason', async () => {
    p = policyProject();
    p.edit('rules/registration.json', '"enabled": true', '"enabled": false');
    const r = await run(SHIPPED);
    expect(r.exitCode).toBe(1);
    const text = r.lines.join('\n');
    // pine-school has no certificate on file: without open enrollment nothing accepts it
    expect(text).toContain('    step 3 pine-school register (at 2026-07-01T15:00:00.000Z)\n      expected: accepted\n      actual:   refused 463: registration refused: no policy rule accepts this VEN');
    expect(text).toContain('rejected 463: registration refused: no policy rule accepts this VEN');
  });

  it('a step that cannot be carried out says why: telemetry for a point the policy did not subscribe to, a VEN not registered, time going back', async () => {
    p = policyProject();
    p.write('rules/tests/bad.scenario.json', {
      scenarios: [
        { name: 'voltage', start: '2026-07-01T15:00:00Z', steps: [{ ven: 'pine-school', register: {} }, { ven: 'pine-school', telemetry: { measurement: 'voltage', value: 230 } }] },
        { name: 'unregistered', steps: [{ at: '2026-07-01T15:00:00Z', ven: 'pine-school', telemetry: { value: 1 } }] },
        { name: 'backwards', start: '2026-07-01T15:00:00Z', steps: [{ at: '2026-07-01T14:00:00Z', expectEvents: [] }] },
      ],
    });
    const r = await run('rules/tests/bad.scenario.json');
    expect(r.lines).toContain("      the policy did not subscribe to pine-school's voltage (subscribed: powerReal, status)");
    expect(r.lines).toContain('      pine-school is not registered: add a register step before');
    expect(r.lines).toContain('    step 1: at 2026-07-01T14:00:00Z is before the clock (2026-07-01T15:00:00.000Z); steps go forward in time');
    expect(r.lines.at(-1)).toBe('0 passed, 3 failed');
    expect(r.exitCode).toBe(1);
  });

  it('a scenario file that breaks its schema is reported at its line and column with a suggestion; vtn check flags it too', async () => {
    p = policyProject();
    const text = '{ "scenarios": [ { "name": "t", "steps": [ { "advnace": "PT1M" } ] } ] }';
    p.write('rules/tests/typo.scenario.json', text);
    const r = await run('rules/tests/typo.scenario.json');
    expect(r.exitCode).toBe(1);
    expect(r.lines[0]).toBe(`rules/tests/typo.scenario.json:1:${text.indexOf('"advnace"') + 1}  P_UNKNOWN_FIELD  unknown field "advnace" in scenarios.0.steps.0 (did you mean advance?)`);
    const check = renderCheck(checkProject(p.root));
    expect(check.exitCode).toBe(1);
    expect(check.lines[0]).toBe(r.lines[0]);
    p.remove('rules/tests/typo.scenario.json');
    expect(renderCheck(checkProject(p.root)).exitCode).toBe(0);
  });

  it('a policy that does not load fails every scenario of the file with the policy errors', async () => {
    p = policyProject();
    p.edit('rules/telemetry.json', '"template": "shed-level-2"', '"template": "shed-level-9"');
    const r = await run(SHIPPED);
    expect(r.lines[0]).toBe(`ERROR ${SHIPPED}: the policy in . does not load:`);
    expect(r.lines[1]).toMatch(/^ {2}rules\/telemetry\.json:\d+:\d+  P_UNKNOWN_TEMPLATE  unknown template "shed-level-9"/);
    expect(r.lines.at(-1)).toBe('0 passed, 2 failed');
  });

  it('the vtn test command prints the lines and sets exit code 1 on failure, 0 on success', async () => {
    p = policyProject();
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const cli = () => {
      const program = new Command().exitOverride();
      registerTestCommand(program);
      return program;
    };
    await cli().parseAsync(['node', 'vtn', 'test', p.path(SHIPPED)]);
    expect(process.exitCode).toBe(0);
    expect(printed.at(-1)).toBe('2 passed, 0 failed');
    p.edit('rules/opt.json', '"code": 451', '"code": 463');
    printed.length = 0;
    await cli().parseAsync(['node', 'vtn', 'test', p.path(SHIPPED)]);
    expect(process.exitCode).toBe(1);
    expect(printed.join('\n')).toMatch(/step 13 oak-ave-plant opt .*\n {6}expected: response code 451\n {6}actual: {3}refused 463: feeder 7 relief/);
  });
});
