export * from './errors.js';
export * from './text/index.js';
export * from './spread/index.js';
export * from './hot-spots/index.js';
