// Which webhook callback URLs a subscription may name (§Webhooks, SSRF), before any request is made.
import { describe, expect, it } from 'vitest';
import { checkCallbackUrl, type CallbackRules } from '../../../src/openadr3/notify/callback-url.js';

const rules: CallbackRules = { allow: [], ownPorts: [8080, 8081], ownAddresses: ['192.0.2.10'] };
const reason = (url: string, r: CallbackRules = rules) => {
  const c = checkCallbackUrl(url, r);
  return c.ok ? undefined : c.reason;
};

describe('callback URLs', () => {
  it('accepts https to outside hosts, with paths and queries', () => {
    expect(reason('https://ven.example.com/hooks/events?site=42')).toBeUndefined();
    expect(reason('https://203.0.113.5:8443/cb')).toBeUndefined();
  });

  it('refuses plain http, other schemes and credentials unless a prefix allows them', () => {
    expect(reason('http://ven.example.com/cb')).toMatch(/must be https.*callbackAllow/);
    expect(reason('ftp://ven.example.com/cb')).toMatch(/must be https/);
    expect(reason('https://u:p@ven.example.com/cb')).toMatch(/user name/);
    expect(reason('http://ven.example.com/cb', { ...rules, allow: ['http://ven.example.com/'] })).toBeUndefined();
    expect(reason('http://ven.example.com.evil/cb', { ...rules, allow: ['http://ven.example.com/'] })).toMatch(/must be https/);
  });

  it('refuses loopback, link-local, unspecified and the VTN\'s own address in every spelling', () => {
    for (const url of ['https://127.0.0.1/', 'https://[::1]/', 'https://localhost/', 'https://[::ffff:127.0.0.1]/', 'https://169.254.169.254/',
      'https://[fe80::1]/', 'https://0.0.0.0/', 'https://[::]/', 'https://224.0.0.1/', 'https://192.0.2.10/']) {
      expect(reason(url), url).toBeDefined();
    }
    expect(reason('https://192.0.2.10/')).toMatch(/own address/);
  });

  it('allows loopback under an allowed prefix, but never the VTN\'s own ports', () => {
    const local = { ...rules, allow: ['http://127.0.0.1:'] };
    expect(reason('http://127.0.0.1:9999/cb', local)).toBeUndefined();
    expect(reason('http://127.0.0.1:8080/openadr3/3.1.0/events', local)).toMatch(/own port 8080/);
    expect(reason('http://127.0.0.1:8081/admin/v1/vens', local)).toMatch(/own port 8081/);
    expect(reason('https://127.0.0.1:9999/cb', local)).toMatch(/loopback/);
  });
});
