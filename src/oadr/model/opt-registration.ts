// Opt schedules and registration profiles.
import type { DurationMs } from './common.js';

export interface OptScheduleSlot {
  dtstart: Date;
  duration: DurationMs;
}

// ---------- registration ----------

export interface Profile {
  profileName: '2.0a' | '2.0b' | (string & {});
  transports: ('simpleHttp' | 'xmpp' | (string & {}))[];
}
