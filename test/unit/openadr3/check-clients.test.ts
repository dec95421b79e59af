// `vtn check` covers config/clients.json: schema problems and duplicate clientIDs as file:line:column in plain words.
import { afterEach, describe, expect, it } from 'vitest';
import { addClient } from '../../../src/openadr3/auth/client-file-edits.js';
import { checkProject, renderCheck } from '../../../src/rules/cli/check-project.js';
import { policyProject, type PolicyProject } from '../rules/policy-project.js';

let project: PolicyProject | undefined;
afterEach(() => project?.dispose());

const check = (p: PolicyProject) => renderCheck(checkProject(p.root));

describe('vtn check and config/clients.json', () => {
  it('passes a catalogue written by `vtn clients add`', () => {
    project = policyProject();
    addClient(project.path('config/clients.json'), { name: 'site 1', role: 'ven' });
    const { lines, exitCode } = check(project);
    expect(lines.join('\n')).not.toContain('clients.json');
    expect(exitCode).toBe(0);
  });

  it('names file:line:column for a pasted secret, an unknown role, a typo and a duplicate clientID', () => {
    project = policyProject();
    project.write('config/clients.json', [
      '{',
      '  "clients": [',
      '    { "clientID": "site-1", "name": "Site 1", "role": "ven", "secretHash": "my-secret" },',
      '    { "clientID": "site-1", "name": "Site 1 again", "role": "venn", "secretHash": "scrypt$16384$abc$def" },',
      '    { "clientID": "bl", "name": "BL", "role": "bl", "secretHash": "scrypt$16384$abc$def", "scope": ["read_all"] }',
      '  ]',
      '}',
    ].join('\n'));
    const { lines, exitCode } = check(project);
    const mine = lines.filter((l) => l.startsWith('config/clients.json:'));
    expect(exitCode).toBe(1);
    expect(mine).toEqual(expect.arrayContaining([
      expect.stringMatching(/^config\/clients\.json:3:\d+ .*clients\.0\.secretHash is not a secret hash.*vtn clients add/),
      expect.stringMatching(/^config\/clients\.json:4:\d+ .*"venn" is not allowed.*ven/),
      expect.stringMatching(/^config\/clients\.json:4:\d+ .*clientID "site-1" appears twice \(first at line 3\)/),
      expect.stringMatching(/^config\/clients\.json:5:\d+ .*unknown field "scope".*scopes/),
    ]));
  });

  it('checks the file config/vtn.json names in openadr3.clientsFile', () => {
    project = policyProject();
    const config = JSON.parse(project.read('config/vtn.json')) as Record<string, unknown>;
    project.write('config/vtn.json', { ...config, openadr3: { clientsFile: 'secrets/oa3-clients.json' } });
    project.write('secrets/oa3-clients.json', '{ "clients": {} }');
    const { lines } = check(project);
    expect(lines.some((l) => /^secrets\/oa3-clients\.json:1:\d+ .*clients must be array/.test(l))).toBe(true);
  });
});
