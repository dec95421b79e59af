// The VEN and program catalogues (config/vens.json, config/programs.json) with the look-ups rules need.

export interface VenEntry {
  venName: string;
  venId?: string;
  fingerprint?: string;
  groups?: string[];
  resources?: string[];
  programs?: string[];
  description?: string;
}

export interface ProgramDefaults {
  priority?: number;
  responseRequired?: 'always' | 'never';
  rampUp?: string;
  testEvent?: boolean;
}

export interface Program {
  name: string;
  marketContext: string;
  description?: string;
  defaults?: ProgramDefaults;
}

export interface CalendarSettings {
  timezone: string;
  holidays: string[];
}

export interface VensFile {
  vens: VenEntry[];
}

export interface ProgramsFile {
  calendar?: Partial<CalendarSettings>;
  programs: Program[];
}

const normaliseFingerprint = (fp: string): string => fp.trim().toUpperCase();

export class Catalogue {
  readonly vens: readonly VenEntry[];
  readonly programs: readonly Program[];
  readonly calendar: CalendarSettings;

  constructor(vens: VensFile = { vens: [] }, programs: ProgramsFile = { programs: [] }) {
    this.vens = vens.vens;
    this.programs = programs.programs;
    this.calendar = { timezone: programs.calendar?.timezone ?? 'UTC', holidays: programs.calendar?.holidays ?? [] };
  }

  /** The entry of a VEN: by venId first (registered VENs), else by venName (registering VENs). */
  entryFor(ven: { venId?: string | undefined; venName?: string | undefined }): VenEntry | undefined {
    return (ven.venId !== undefined ? this.vens.find((e) => e.venId === ven.venId) : undefined)
      ?? (ven.venName !== undefined ? this.vens.find((e) => e.venName === ven.venName) : undefined);
  }

  entryByFingerprint(fingerprint: string): VenEntry | undefined {
    const fp = normaliseFingerprint(fingerprint);
    return this.vens.find((e) => e.fingerprint !== undefined && normaliseFingerprint(e.fingerprint) === fp);
  }

  fingerprintMatches(entry: VenEntry | undefined, fingerprint: string | undefined): boolean {
    return entry?.fingerprint !== undefined && fingerprint !== undefined && normaliseFingerprint(entry.fingerprint) === normaliseFingerprint(fingerprint);
  }

  /** Every group any entry names. */
  groups(): Set<string> {
    return new Set(this.vens.flatMap((e) => e.groups ?? []));
  }

  /** Registered VENs (venId + venName) whose catalogue entry lists the group. */
  membersOf(group: string, registered: readonly { venId: string; venName?: string }[]): string[] {
    return registered.filter((v) => this.entryFor(v)?.groups?.includes(group)).map((v) => v.venId);
  }

  program(name: string): Program | undefined {
    return this.programs.find((p) => p.name === name);
  }
}
