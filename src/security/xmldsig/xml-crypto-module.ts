// xml-crypto (with @xmldom/xmldom and xpath, ~20 CommonJS modules) is loaded at the first signature the VTN makes or
// checks, not at start: most deployments sign nothing, and every start would pay for it before the first poll.
import { createRequire } from 'node:module';
import type * as XmlCrypto from 'xml-crypto';

let loaded: typeof XmlCrypto | undefined;

export function xmlCrypto(): typeof XmlCrypto {
  loaded ??= createRequire(import.meta.url)('xml-crypto') as typeof XmlCrypto;
  return loaded;
}

/** Whether xml-crypto has been loaded in this process (tests). */
export const xmlCryptoLoaded = (): boolean => loaded !== undefined;
