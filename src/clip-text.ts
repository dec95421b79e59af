// Cuts attacker-sized text before it reaches a log line, an error or a stored record.

/** Up to `max` characters; longer text keeps its head and says how long it was: "abc… (900000 characters)". */
export function clipText(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
