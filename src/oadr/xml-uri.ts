// RFC 3986 URI-reference syntax: a namespace name must be one (Namespaces 1.0 §2; libxml2 refuses others).
// Where libxml2 differs it is followed: a port needs digits (and fits an int), any IP literal in brackets.
const UNRESERVED = "A-Za-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const SEGMENT_NZ_NC = `(?:[${UNRESERVED}${SUB_DELIMS}@]|${PCT})+`;
// libxml2 takes anything up to the next ']' as an IP literal (RFC 3986 is stricter).
const IP_LITERAL = '\\[[^\\]]*\\]';
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const AUTHORITY = `(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::[0-9]{1,9})?`;
const PATH_ABEMPTY = `(?:/${SEGMENT})*`;
const PATH_ABSOLUTE = `/(?:${SEGMENT_NZ}${PATH_ABEMPTY})?`;
const TAIL = `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?`;
const ABSOLUTE = `[A-Za-z][A-Za-z0-9+.\\-]*:(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ}${PATH_ABEMPTY})?`;
const RELATIVE = `(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ_NC}${PATH_ABEMPTY})?`;
const URI_REFERENCE = new RegExp(`^(?:${ABSOLUTE}|${RELATIVE})${TAIL}$`);

/** True for an RFC 3986 URI reference (absolute or relative; the empty string is one). */
export function isUriReference(text: string): boolean {
  return URI_REFERENCE.test(text);
}
