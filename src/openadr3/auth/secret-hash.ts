// Client secrets are stored as scrypt hashes (node:crypto): a leaked catalogue gives no usable secret.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const PREFIX = 'scrypt';
const N = 16384;
const KEY_LENGTH = 32;

/** `scrypt$N$salt$hash` (base64url parts). */
export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, KEY_LENGTH, { N });
  return [PREFIX, String(N), salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifySecret(secret: string, stored: string): boolean {
  const [prefix, n, salt, hash] = stored.split('$');
  if (prefix !== PREFIX || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new random secret: 32 bytes, base64url. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
