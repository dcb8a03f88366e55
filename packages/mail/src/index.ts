export * from './curator-alert.js';
export * from './escape.js';
export * from './transport.js';
export * from './report/index.js';
