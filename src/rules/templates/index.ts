// Event templates: the public module rules and schedules share.
export type { EventTemplate, TemplateInterval, TemplatesFile } from './event-template.js';
export { templateToEventOptions, type ProgramLookup, type TemplateFill } from './template-to-event-options.js';
export { checkTemplates } from './check-templates.js';
export { loadTemplatesFile, readTemplates, type TemplateSet } from './load-templates.js';
