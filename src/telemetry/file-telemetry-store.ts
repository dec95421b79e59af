// Telemetry on disk as hourly NDJSON segments under <dataDir>/telemetry/, indexed in memory.
import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { checkValues } from './check-values.js';
import type { ReportValue } from './report-value.js';
import { decodeLine, encodeLine } from './segment-codec.js';
import { listSegments, readSegment, segmentName } from './segment-files.js';
import { IndexedTelemetryStore } from './indexed-telemetry-store.js';
import { SeriesIndex, type IndexEntry } from './series-index.js';
import {
  DEFAULT_MAX_AGE_MS, DEFAULT_MAX_PER_SERIES,
  type RetentionOptions, type TelemetryStats, type TelemetryStore,
} from './telemetry-store.js';

export interface FileTelemetryOptions extends RetentionOptions {
  dataDir: string;
  /** fsync after each append: survives power loss, not only a killed process. Default false. */
  fsync?: boolean;
}

export interface FileTelemetryStats extends TelemetryStats {
  segments: number;
  /** Lines that could not be decoded on open (skipped, not fatal). */
  skippedLines: number;
  /** Bytes of torn last lines cut off on open. */
  tornBytes: number;
}

interface Segment {
  /** Values of this segment still held by the index; 0 means the file can go. */
  live: number;
  bytes: number;
}

const PRUNE_EVERY_MS = 60_000;

export class FileTelemetryStore extends IndexedTelemetryStore implements TelemetryStore {
  readonly #dir: string;
  readonly #opts: FileTelemetryOptions;
  readonly #now: () => Date;
  readonly #segments = new Map<string, Segment>();
  #index: SeriesIndex;
  #current: { name: string; fd: number } | undefined;
  #open = false;
  #loading = false;
  #lastPrune = 0;
  #skippedLines = 0;
  #tornBytes = 0;

  constructor(opts: FileTelemetryOptions) {
    super();
    this.#opts = opts;
    this.#dir = join(opts.dataDir, 'telemetry');
    this.#now = opts.now ?? (() => new Date());
    this.#index = this.#newIndex();
  }

  #newIndex(): SeriesIndex {
    return new SeriesIndex({
      maxAgeMs: this.#opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
      maxPerSeries: this.#opts.maxPerSeries ?? DEFAULT_MAX_PER_SERIES,
      now: this.#now,
      onEvict: (e: IndexEntry) => this.#release(e.segment),
    });
  }

  protected get index(): SeriesIndex {
    return this.#index;
  }

  async open(): Promise<void> {
    if (this.#open) return;
    mkdirSync(this.#dir, { recursive: true });
    this.#index = this.#newIndex();
    this.#segments.clear();
    // Deleting is deferred while loading: a segment may look empty before all its lines are read.
    this.#loading = true;
    try {
      for (const name of listSegments(this.#dir)) this.#load(name);
      this.#index.pruneByAge();
    } finally {
      this.#loading = false;
    }
    this.#open = true;
    this.#lastPrune = this.#now().getTime();
    for (const name of [...this.#segments.keys()]) this.#deleteIfEmpty(name);
  }

  #load(name: string): void {
    const content = readSegment(join(this.#dir, name));
    this.#tornBytes += content.tornBytes;
    this.#skippedLines += content.tooLongLines;
    const segment: Segment = { live: 0, bytes: content.bytes };
    this.#segments.set(name, segment);
    for (const line of content.lines) {
      let values: ReportValue[];
      try {
        values = decodeLine(line);
      } catch {
        this.#skippedLines += 1;
        continue;
      }
      for (const v of values) this.#hold(v, name, segment);
    }
  }

  /** Count first: the index may evict the entry at once (series full) and release it. */
  #hold(v: ReportValue, name: string, segment: Segment, cutoff?: number): void {
    segment.live += 1;
    if (!this.#index.add(v, name, cutoff)) segment.live -= 1;
  }

  #release(name: string | undefined): void {
    const segment = name === undefined ? undefined : this.#segments.get(name);
    if (!segment || name === undefined) return;
    segment.live -= 1;
    if (segment.live <= 0) this.#deleteIfEmpty(name);
  }

  #deleteIfEmpty(name: string): void {
    const segment = this.#segments.get(name);
    if (!segment || segment.live > 0 || this.#loading || name === this.#current?.name) return;
    try {
      unlinkSync(join(this.#dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.#segments.delete(name);
  }

  #segmentFor(name: string): { fd: number; segment: Segment } {
    if (this.#current?.name !== name) {
      const previous = this.#current;
      if (previous) closeSync(previous.fd);
      this.#current = { name, fd: openSync(join(this.#dir, name), 'a') };
      if (!this.#segments.has(name)) this.#segments.set(name, { live: 0, bytes: 0 });
      if (previous) this.#deleteIfEmpty(previous.name);
    }
    return { fd: this.#current.fd, segment: this.#segments.get(name) as Segment };
  }

  /** One write per message (synchronous, so concurrent appends never interleave), so a reply is only sent for values already in the file. */
  async append(values: readonly ReportValue[]): Promise<void> {
    if (!this.#open) throw new Error('FileTelemetryStore.append called before open()');
    if (values.length === 0) return;
    checkValues(values);
    const now = this.#now();
    const name = segmentName(now);
    const { fd, segment } = this.#segmentFor(name);
    const buf = Buffer.from(`${encodeLine(values)}\n`, 'utf8');
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      if (this.#opts.fsync) fsyncSync(fd);
    } catch (err) {
      // Never leave half a line: the next append would be glued to it and both lost.
      try {
        ftruncateSync(fd, segment.bytes);
      } catch { /* the original error is the one to report */ }
      throw err;
    }
    segment.bytes += buf.length;
    const cutoff = this.#index.cutoffMs();
    for (const v of values) this.#hold(v, name, segment, cutoff);
    if (now.getTime() - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now.getTime();
      this.#index.pruneByAge();
    }
  }


  async close(): Promise<void> {
    if (this.#current) closeSync(this.#current.fd);
    this.#current = undefined;
    this.#open = false;
  }

  async stats(): Promise<FileTelemetryStats> {
    let bytesOnDisk = 0;
    for (const s of this.#segments.values()) bytesOnDisk += s.bytes;
    return {
      series: this.#index.seriesCount,
      values: this.#index.valueCount,
      bytesOnDisk,
      segments: this.#segments.size,
      skippedLines: this.#skippedLines,
      tornBytes: this.#tornBytes,
    };
  }
}
