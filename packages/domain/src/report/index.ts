export * from './fold-small-units.js';
export * from './iso-week.js';
export * from './weekly-report.types.js';
