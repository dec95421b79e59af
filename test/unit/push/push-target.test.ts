// Which push targets a VEN may name: scheme and syntax at registration, every resolved address at push time.
import { describe, expect, it } from 'vitest';
import { addressProblem, checkPushTarget, type PushTargetRules } from '../../../src/vtn/push-target.js';
import { resolvePushTarget } from '../../../src/push/resolve-target.js';

const rules: PushTargetRules = { allowLoopback: false, httpsOnly: false, ownPorts: [8080, 8081], ownAddresses: ['192.0.2.10'] };
const reason = (address: string, r: PushTargetRules = rules) => {
  const check = checkPushTarget(address, r);
  return check.ok ? undefined : check.reason;
};

describe('push targets', () => {
  it('accepts http(s) base URLs on ordinary addresses and names', () => {
    expect(reason('https://ven.example:8443/OpenADR2/Simple/2.0b')).toBeUndefined();
    expect(reason('http://10.1.2.3/OpenADR2/Simple/2.0b')).toBeUndefined();
    expect(reason('http://[2001:db8::5]:9000/x')).toBeUndefined();
  });

  it('refuses other schemes, credentials, queries and https-less targets when TLS is on', () => {
    expect(reason('ftp://ven.example/x')).toMatch(/http\(s\)/);
    expect(reason('file:///etc/passwd')).toMatch(/http\(s\)/);
    expect(reason('not a url')).toMatch(/absolute URL/);
    expect(reason('http://user:pw@ven.example/x')).toMatch(/user name/);
    expect(reason('http://ven.example/x?to=elsewhere')).toMatch(/query/);
    expect(reason('http://ven.example/x', { ...rules, httpsOnly: true })).toMatch(/must be https/);
    expect(reason(`http://ven.example/${'a'.repeat(3000)}`)).toMatch(/longer than/);
  });

  it('refuses link-local, unspecified, multicast and reserved addresses in every spelling', () => {
    for (const url of ['http://169.254.169.254/latest', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:a9fe:a9fe]/', 'http://0.0.0.0:9000/',
      'http://[::]/', 'http://224.0.0.1/', 'http://[ff02::1]/', 'http://[fe80::1]/', 'http://255.255.255.255/', 'http://[::127.0.0.1]/']) {
      expect(reason(url), url).toBeDefined();
    }
    expect(reason('http://169.254.169.254/')).toMatch(/link-local/);
  });

  it('refuses loopback unless allowed, the VTN\'s own ports even then, and the VTN\'s own addresses', () => {
    expect(reason('http://127.0.0.1:9000/')).toMatch(/push.allowLoopback/);
    expect(reason('http://[::1]:9000/')).toMatch(/loopback/);
    const loopback = { ...rules, allowLoopback: true };
    expect(reason('http://127.0.0.1:9000/', loopback)).toBeUndefined();
    expect(reason('http://127.0.0.1:8080/', loopback)).toMatch(/own port 8080/);
    expect(reason('http://127.0.0.2:8081/', loopback)).toMatch(/own port 8081/);
    expect(reason('http://192.0.2.10:9999/')).toMatch(/own address/);
    expect(addressProblem('::ffff:192.0.2.10', 9999, rules)).toMatch(/own address/);
  });

  it('checks every address a name resolves to at push time (a name registered harmless may rebind to metadata)', async () => {
    const rebinding = async () => [{ address: '203.0.113.7' }, { address: '169.254.169.254' }];
    const bad = await resolvePushTarget('http://ven.example/OpenADR2/Simple/2.0b', 'EiEvent', rules, rebinding);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.reason).toMatch(/link-local/);
    const good = await resolvePushTarget('http://ven.example/OpenADR2/Simple/2.0b/', 'EiEvent', rules, async () => [{ address: '203.0.113.7' }]);
    expect(good.ok && good.target).toMatchObject({ address: '203.0.113.7', port: 80 });
    expect(good.ok && good.target.url.pathname).toBe('/OpenADR2/Simple/2.0b/EiEvent');
    const gone = await resolvePushTarget('http://ven.example/', 'EiEvent', rules, async () => { throw Object.assign(new Error('no'), { code: 'ENOTFOUND' }); });
    expect(gone).toMatchObject({ ok: false, transient: true });
  });
});
