// Namespace URIs a VEN writes, and the prefixes each output style binds to them.

export const VEN_NS = {
  oadr: 'http://openadr.org/oadr-2.0b/2012/07',
  ei: 'http://docs.oasis-open.org/ns/energyinterop/201110',
  pyld: 'http://docs.oasis-open.org/ns/energyinterop/201110/payloads',
  emix: 'http://docs.oasis-open.org/ns/emix/2011/06',
  power: 'http://docs.oasis-open.org/ns/emix/2011/06/power',
  scale: 'http://docs.oasis-open.org/ns/emix/2011/06/siscale',
  xcal: 'urn:ietf:params:xml:ns:icalendar-2.0',
  strm: 'urn:ietf:params:xml:ns:icalendar-2.0:stream',
  atom: 'http://www.w3.org/2005/Atom',
  espi: 'http://naesb.org/espi',
} as const;

export type NsKey = keyof typeof VEN_NS;

/**
 * How names are written: the usual prefixes, unusual prefixes (a:, b: …), or default namespaces
 * redeclared on every element whose namespace differs from its parent's. All three are the same
 * document to a namespace-aware reader.
 */
export type Style = 'standard' | 'custom-prefixes' | 'default-ns';

export const STYLES: readonly Style[] = ['standard', 'custom-prefixes', 'default-ns'];

export const STANDARD_PREFIXES: Readonly<Record<NsKey, string>> = {
  oadr: 'oadr', ei: 'ei', pyld: 'pyld', emix: 'emix', power: 'power', scale: 'scale', xcal: 'xcal', strm: 'strm', atom: 'atom', espi: 'espi',
};

// Deliberately unlike the conventional ones so a reader keyed on prefixes breaks.
export const CUSTOM_PREFIXES: Readonly<Record<NsKey, string>> = {
  oadr: 'a', ei: 'b', pyld: 'c', emix: 'd', power: 'e', scale: 'f', xcal: 'g', strm: 'h', atom: 'i', espi: 'j',
};

/** Options every message template takes. */
export interface RenderOptions {
  style?: Style;
}
