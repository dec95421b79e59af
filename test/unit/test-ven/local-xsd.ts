// Stand-in XSD check for these tests, used until test/helpers/xsd.ts (owned by the wire layer) exists.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export interface XsdResult { ok: boolean; errors: string[]; skipped: boolean }

const SCHEMA_ROOT = '/work/shared/oadr20b-schema/oadr_20b.xsd';
let validator: XsdValidator | undefined;

function compiled(): XsdValidator {
  if (validator) return validator;
  xmlRegisterFsInputProviders();
  const schema = XmlDocument.fromBuffer(readFileSync(SCHEMA_ROOT), { url: SCHEMA_ROOT });
  validator = XsdValidator.fromDoc(schema);
  schema.dispose();
  return validator;
}

export function validateLocally(xml: string): XsdResult {
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromString(xml);
    compiled().validate(doc);
    return { ok: true, errors: [], skipped: false };
  } catch (e) {
    const details = (e as { details?: Array<{ message: string }> }).details;
    return { ok: false, errors: details?.map((d) => d.message.trim()) ?? [String(e)], skipped: false };
  } finally {
    doc?.dispose();
  }
}

/** Prefers the shared helper once it is committed; falls back to the local validator. */
export async function loadValidator(): Promise<(xml: string) => Promise<XsdResult>> {
  const shared = fileURLToPath(new URL('../../helpers/xsd.ts', import.meta.url));
  if (existsSync(shared)) {
    const spec = '../../helpers/xsd.js';
    const mod = (await import(/* @vite-ignore */ spec)) as { validateOadr: (xml: string) => Promise<XsdResult> };
    return mod.validateOadr;
  }
  return async (xml) => validateLocally(xml);
}
