// vtn check: problems at file:line:column with a code, a plain message and a suggestion; exit code 1 on error.
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject, renderCheck } from '../../../src/rules/cli/check-project.js';
import { policyProject, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
afterEach(() => p?.dispose());

function lines(): { lines: string[]; exitCode: number } {
  return renderCheck(checkProject(p.root));
}

/** 1-based line and column of the first occurrence of `needle` in a project file. */
function where(rel: string, needle: string): string {
  const text = p.read(rel);
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, offset).split('\n');
  return `${rel}:${before.length}:${before.at(-1)!.length + 1}`;
}

describe('vtn check', () => {
  it('the shipped policy is clean: exit 0 and a one-line summary', () => {
    p = policyProject();
    const out = lines();
    expect(out.exitCode).toBe(0);
    expect(out.lines).toEqual([expect.stringMatching(/^✔ policy OK \(7 files, version [0-9a-f]{12}\)$/)]);
  });

  it('a mistyped operator points at its line and column and suggests the right one', () => {
    p = policyProject();
    p.edit('rules/telemetry.json', '"operator": "greaterThan"', '"operator": "greaterThen"');
    const out = lines();
    expect(out.exitCode).toBe(1);
    expect(out.lines[0]).toBe(`${where('rules/telemetry.json', '"greaterThen"')}  P_UNKNOWN_VALUE  "greaterThen" is not allowed for rules.0.conditions.all.0.operator (did you mean greaterThan?)`);
    expect(out.lines.at(-1)).toMatch(/✖ 1 error\(s\)/);
  });

  it('unknown facts (with a suggestion or the trigger that has them), unknown fields and missing params', () => {
    p = policyProject();
    p.edit('rules/registration.json', '"fact": "catalogue.known"', '"fact": "catalog.known"');
    p.edit('rules/report-subscriptions.json', '"fact": "dataPoint.measurement", "operator": "equal", "value": "voltage"', '"fact": "group.sum", "operator": "equal", "value": "voltage"');
    p.edit('rules/opt.json', '"priority": 10', '"prority": 10');
    p.edit('rules/telemetry.json', '"params": { "group": "feeder-7" }', '"params": { "grop": "feeder-7" }');
    const text = lines().lines.join('\n');
    expect(text).toContain(`${where('rules/registration.json', '"catalog.known"')}  P_UNKNOWN_FACT  unknown fact "catalog.known" for registration rules (did you mean catalogue.known?)`);
    expect(text).toContain('P_UNKNOWN_FACT  unknown fact "group.sum" for reportSubscription rules (group.sum is a fact of telemetry rules)');
    expect(text).toContain(`${where('rules/opt.json', '"prority"')}  P_UNKNOWN_FIELD  unknown field "prority" in rules.0 (did you mean priority?)`);
    expect(text).toMatch(/P_FACT_PARAMS  fact group\.activeEvents needs params\.group/);
    expect(text).toMatch(/P_FACT_PARAMS  fact group\.activeEvents takes no parameter "grop" \(did you mean group\?\)/);
  });

  it('semantic checks: unknown template, SIMPLE payload range, interval sums, overlapping templated events, duplicate VENs and fingerprints', () => {
    p = policyProject();
    p.edit('rules/telemetry.json', '"template": "shed-level-2"', '"template": "shed-level2"');
    p.edit('config/templates.json', '"payload": 2', '"payload": 5');
    p.edit('config/templates.json', '"intervals": [{ "payload": 1 }]', '"intervals": [{ "duration": "PT1H", "payload": 1 }, { "duration": "PT30M", "payload": 2 }]');
    p.edit('config/vens.json', '"venName": "pine-school"', '"venName": "oak-ave-plant", "fingerprint": "7a:1c:03:9e:44:d2:5b:90:0f:ee"');
    const text = lines().lines.join('\n');
    expect(text).toContain('P_UNKNOWN_TEMPLATE  unknown template "shed-level2" (did you mean shed-level-2?)');
    expect(text).toContain(`${where('config/templates.json', '5 }')}  P_SIMPLE_PAYLOAD  SIMPLE payload 5 is out of range (use 0 (normal), 1 (moderate), 2 (high) or 3 (special))`);
    expect(text).toMatch(/config\/templates\.json:\d+:\d+  P_INTERVAL_SUM  the intervals add up to 90 min but duration is PT2H/);
    expect(text).toMatch(/P_DUPLICATE_VEN  venName "oak-ave-plant" is also used by entry 2/);
    expect(text).toMatch(/P_DUPLICATE_FINGERPRINT  fingerprint "7a:1c:03:9e:44:d2:5b:90:0f:ee" is also used by entry 1/);

    p = policyProject();
    p.edit('rules/telemetry.json', '"createEvent": { "template": "shed-level-2", "targets": { "groups": ["feeder-7"] }, "duration": "PT1H", "startIn": "PT5M" }',
      '"createEvent": [{ "template": "shed-level-2", "targets": { "groups": ["feeder-7"] }, "duration": "PT1H" }, { "template": "shed-level-2", "targets": { "groups": ["feeder-7"] }, "startIn": "PT30M" }]');
    expect(lines().lines.join('\n')).toMatch(/P_EVENT_OVERLAP  events 1 and 2 of this rule overlap in time in market context http:\/\/utility\.example\/programs\/feeder-relief/);
  });

  it('JSON syntax errors point at the break; an unknown group is a warning only (exit 0)', () => {
    p = policyProject();
    p.edit('rules/opt.json', '"priority": 10,', '"priority": 10');
    const out = lines();
    expect(out.exitCode).toBe(1);
    expect(out.lines[0]).toMatch(/^rules\/opt\.json:\d+:\d+  P_JSON  JSON syntax: comma expected/);

    p = policyProject();
    p.edit('rules/telemetry.json', '"targets": { "groups": ["feeder-7"] }', '"targets": { "groups": ["feeder-77"] }');
    const warned = lines();
    expect(warned.exitCode).toBe(0);
    expect(warned.lines[0]).toMatch(/P_UNKNOWN_GROUP  warning no VEN in config\/vens\.json belongs to group "feeder-77" \(did you mean feeder-7\?\)/);
  });

  it('a decision that does not fit the trigger is refused with the allowed ones', () => {
    p = policyProject();
    p.edit('rules/report-subscriptions.json', '"then": { "ignore": true }', '"then": { "rejectRegistration": { "code": 463 } }');
    expect(lines().lines[0]).toMatch(/P_UNKNOWN_FIELD  unknown field "rejectRegistration" in rules\.0\.then \(allowed here: subscribe, ignore, log, tag\)/);
  });
});
