// Named event templates (config/templates.json): the shape rules and schedules fill in with time and targets.

export interface TemplateInterval {
  /** ISO 8601 duration; may be left out on a single interval (it then lasts the whole event). */
  duration?: string;
  payload: number;
}

export interface EventTemplate {
  name: string;
  description?: string;
  /** A program of config/programs.json: market context and defaults. */
  program?: string;
  marketContext?: string;
  signal: { name: string; type?: string; intervals: TemplateInterval[] };
  duration?: string;
  rampUp?: string;
  notification?: string;
  recovery?: string;
  startAfter?: string;
  responseRequired?: 'always' | 'never';
  priority?: number;
  testEvent?: boolean;
  vtnComment?: string;
}

export interface TemplatesFile {
  templates: EventTemplate[];
}
