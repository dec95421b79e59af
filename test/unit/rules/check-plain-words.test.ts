// vtn check as a new analyst meets it (issue #13): every problem of a file at once, plain words for durations,
// quoted numbers and comments, and the valid facts listed when a fact name is nowhere near one.
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject, renderCheck } from '../../../src/rules/cli/check-project.js';
import { loadPolicy, projectPolicyPaths } from '../../../src/rules/reload/load-policy.js';
import { FACTS } from '../../../src/rules/facts/fact-catalogue.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { policyProject, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
afterEach(() => p?.dispose());

const check = () => renderCheck(checkProject(p.root));

/** `file:line:column` of the first occurrence of `needle` in a project file. */
function at(rel: string, needle: string): string {
  const text = p.read(rel);
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in ${rel}`);
  const before = text.slice(0, offset).split('\n');
  return `${rel}:${before.length}:${before.at(-1)!.length + 1}`;
}

const TELEMETRY = 'rules/telemetry.json';

describe('vtn check in plain words', () => {
  it('reports every problem of one file, each at its own file:line:column', () => {
    p = policyProject();
    p.edit(TELEMETRY, '"window": "PT15M"', '"window": "15 minutes"');
    p.edit(TELEMETRY, '"operator": "greaterThan", "value": 800', '"operator": "greaterThan", "value": "800"');
    p.edit(TELEMETRY, '"fact": "group.activeEvents"', '"fact": "zzz.unheardOf"');
    const out = check();
    expect(out.exitCode).toBe(1);
    const mine = out.lines.filter((l) => l.startsWith(`${TELEMETRY}:`));
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatch(new RegExp(`^${at(TELEMETRY, '"15 minutes"')}  P_DURATION  `));
    expect(mine[1]).toMatch(new RegExp(`^${at(TELEMETRY, '"800"')}  P_VALUE_TYPE  `));
    expect(mine[2]).toMatch(new RegExp(`^${at(TELEMETRY, '"zzz.unheardOf"')}  P_UNKNOWN_FACT  `));
    expect(out.lines.at(-1)).toMatch(/✖ 3 error\(s\)/);
  });

  it('a duration in words says how to write it in ISO 8601, not which pattern it missed', () => {
    p = policyProject();
    p.edit(TELEMETRY, '"window": "PT15M"', '"window": "15 minutes"');
    const line = check().lines[0]!;
    expect(line).toBe(`${at(TELEMETRY, '"15 minutes"')}  P_DURATION  "15 minutes" is not an ISO 8601 duration (write 15 minutes as PT15M)`);
    expect(line).not.toContain('pattern');

    p = policyProject();
    p.edit('config/templates.json', '"duration": "PT1H"', '"duration": "2 hours"');
    expect(check().lines.join('\n')).toContain('P_DURATION  "2 hours" is not an ISO 8601 duration (write 2 hours as PT2H)');
  });

  it('a number written as a string in a condition is an error that says to drop the quotes', () => {
    p = policyProject();
    p.edit(TELEMETRY, '"operator": "equal", "value": 0', '"operator": "equal", "value": "0"');
    const out = check();
    expect(out.exitCode).toBe(1);
    expect(out.lines[0]).toBe(`${at(TELEMETRY, '"0"')}  P_VALUE_TYPE  group.activeEvents is a number but the value is the string "0" (write 0 without quotes)`);
  });

  it('a number written as a string in an event is an error that says to drop the quotes', () => {
    p = policyProject();
    p.edit(TELEMETRY, '"duration": "PT1H", "startIn": "PT5M"', '"duration": "PT1H", "startIn": "PT5M", "level": "2"');
    const out = check();
    expect(out.exitCode).toBe(1);
    expect(out.lines[0]).toBe(`${at(TELEMETRY, '"2"')}  P_VALUE_TYPE  rules.0.then.createEvent.level must be a number, not the string "2" (write 2 without quotes)`);
  });

  it('true written as a string for a true/false fact is an error too', () => {
    p = policyProject();
    p.edit('rules/registration.json', '"fact": "catalogue.known", "operator": "equal", "value": true', '"fact": "catalogue.known", "operator": "equal", "value": "true"');
    expect(check().lines[0]).toMatch(/P_VALUE_TYPE  catalogue\.known is true or false but the value is the string "true" \(write true without quotes\)$/);
  });

  it('a // comment is "comments are not allowed in JSON" at the comment, and the rest of the file is still checked', () => {
    p = policyProject();
    p.edit(TELEMETRY, '"rules": [', '"rules": [\n    // shed when the feeder is overloaded');
    p.edit(TELEMETRY, '"window": "PT15M"', '"window": "15 minutes"');
    const out = check();
    expect(out.exitCode).toBe(1);
    const text = out.lines.join('\n');
    expect(out.lines[0]).toMatch(new RegExp(`^${at(TELEMETRY, '// shed')}  P_JSON  comments are not allowed in JSON \\(`));
    expect(text).not.toMatch(/comma/);
    expect(text).toContain('P_DURATION  "15 minutes" is not an ISO 8601 duration');
    // The VTN loads the same way: a file with a comment is refused, so a running VTN keeps its last good policy.
    expect(loadPolicy(projectPolicyPaths(p.root)).policy).toBeUndefined();
  });

  it('schedules and config/vtn.json say the same about a comment (vtn check, and vtn start reading its config)', () => {
    p = policyProject();
    p.write('config/schedules.json', '{\n  // summer peaks\n  "schedules": []\n}\n');
    expect(check().lines).toContain('config/schedules.json:2:3  E_SCHEDULE_FILE  not valid JSON: comments are not allowed in JSON (delete the comment; say it in a "description" field instead)');
    p.edit('config/vtn.json', '{', '{ /* demo */');
    expect(check().lines.join('\n')).toMatch(/config\/vtn\.json:1:3  P_JSON  comments are not allowed in JSON/);
    expect(() => loadConfig(p.path('config/vtn.json'))).toThrow(/vtn\.json: comments are not allowed in JSON\. — delete the comment/);
  });

  it('an unknown fact with no near match lists the trigger\'s facts instead of pointing at a README', () => {
    p = policyProject();
    p.edit(TELEMETRY, '"fact": "group.activeEvents"', '"fact": "zzz.unheardOf"');
    const line = check().lines[0]!;
    expect(line).not.toContain('README');
    expect(line).toContain(`(facts of telemetry rules: ${FACTS.telemetry.map((f) => f.name).join(', ')})`);
  });
});
