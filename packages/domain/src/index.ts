export * from './errors.js';
export * from './text/index.js';
export * from './spread/index.js';
export * from './scoring/index.js';
export * from './report/index.js';
