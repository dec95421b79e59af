// Finds Debian's Chromium for playwright-core: required under CI (the test fails), optional locally (loud skip).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM_PATH);
export const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

export const MISSING_MESSAGE =
  `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get update && apt-get install -y --no-install-recommends chromium\` ` +
  '(.ci/run does this) or set CHROMIUM_PATH to a Chromium/Chrome binary.';

if (!chromiumPresent && !inCi) {
  console.warn(`\n\n*** BROWSER TESTS SKIPPED *** ${MISSING_MESSAGE}\n\n`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Root needs --no-sandbox; the background-networking flags keep Chromium from calling out (refused here anyway).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Under CI a missing browser is a failure, never a silent skip: call it beside the describe.skipIf of a suite. */
export function failWithoutChromiumInCi(suite: string): void {
  if (chromiumPresent || !inCi) return;
  describe(suite, () => {
    it('needs Chromium in CI', () => {
      throw new Error(MISSING_MESSAGE);
    });
  });
}
