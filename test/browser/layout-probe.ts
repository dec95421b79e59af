// Measures the rendered page in the browser (a string, as the tests' TypeScript has no DOM types) and checks a
// screenshot's PNG header: what a person would see, asserted without a manual look.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface Box { width: number; height: number }

export interface Layout {
  /** Page width the content needs versus the viewport width (equal when nothing overflows sideways). */
  scrollWidth: number;
  clientWidth: number;
  pageHeight: number;
  /** Sections whose content is wider than the section (each id). */
  overflowing: string[];
  /** Boxes of the elements asked for, by selector; absent when not rendered. */
  boxes: Record<string, Box | null>;
}

export async function probeLayout(page: Page, selectors: readonly string[]): Promise<Layout> {
  return page.evaluate(`(() => {
    const box = (sel) => { const el = document.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { width: Math.round(r.width), height: Math.round(r.height) }; };
    const overflowing = [...document.querySelectorAll('main > section, header')].filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.id || s.tagName);
    return {
      scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
      pageHeight: document.documentElement.scrollHeight, overflowing,
      boxes: Object.fromEntries(${JSON.stringify(selectors)}.map((s) => [s, box(s)])),
    };
  })()`);
}

/** Width and height from a PNG file's IHDR chunk. */
export function pngSize(path: string): Box {
  const head = readFileSync(path).subarray(0, 24);
  if (head.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${path} is not a PNG`);
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}
